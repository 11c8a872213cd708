from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()
LOG_DIR = "/var/log/services"
SERVICES = {"api", "worker", "scheduler"}


@app.get("/logs/{service}", response_class=PlainTextResponse)
def tail_log(service: str, lines: int = 100):
    if service not in SERVICES:
        raise HTTPException(status_code=404)
    with open(f"{LOG_DIR}/{service}.log", "r", errors="replace") as fh:
        tail = fh.readlines()[-lines:]
    return "".join(tail)
