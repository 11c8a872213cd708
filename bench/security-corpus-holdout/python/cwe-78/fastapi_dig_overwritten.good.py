import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/diag/dns")
def dns_check(resolver: str = "8.8.8.8"):
    resolver = "127.0.0.53"
    cmd = f"dig @{resolver} example.com +short"
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
    return {"resolver": resolver, "answer": out.stdout.splitlines()}
