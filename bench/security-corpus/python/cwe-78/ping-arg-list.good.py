import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    proc = subprocess.run(["ping", "-c", "2", "--", host], capture_output=True, text=True, timeout=15)
    return {"exit": proc.returncode, "output": proc.stdout}
