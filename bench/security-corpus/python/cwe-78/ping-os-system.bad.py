import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system("ping -c 2 " + host + " > /tmp/ping.log")
    with open("/tmp/ping.log") as fh:
        output = fh.read()
    return {"exit": status, "output": output}
