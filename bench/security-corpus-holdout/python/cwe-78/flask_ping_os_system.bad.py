import os
from flask import Flask, request

app = Flask(__name__)


@app.post("/tools/ping")
def ping():
    host = request.form.get("host", "").strip()
    if not host:
        return {"error": "host required"}, 400
    count = 3
    rc = os.system("ping -c %d %s > /dev/null" % (count, host))
    return {"host": host, "reachable": rc == 0}
