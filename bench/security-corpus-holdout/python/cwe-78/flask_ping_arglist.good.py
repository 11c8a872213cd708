import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/tools/ping")
def ping():
    host = request.form.get("host", "").strip()
    if not host or host.startswith("-"):
        return {"error": "host required"}, 400
    count = 3
    proc = subprocess.run(["ping", "-c", str(count), host], capture_output=True, timeout=15)
    return {"host": host, "reachable": proc.returncode == 0}
