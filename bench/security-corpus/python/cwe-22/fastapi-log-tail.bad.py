from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()
LOG_DIR = "/var/log/services"


@app.get("/logs/{service}", response_class=PlainTextResponse)
def tail_log(service: str, lines: int = 100):
    log_path = "{}/{}.log".format(LOG_DIR, service)
    with open(log_path, "r", errors="replace") as fh:
        tail = fh.readlines()[-lines:]
    return "".join(tail)
