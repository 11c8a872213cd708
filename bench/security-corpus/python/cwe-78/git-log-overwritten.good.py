import subprocess

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/repo/log")
def repo_log():
    branch = request.headers.get("X-Branch", "main")
    ref = "origin/" + branch
    ref = "origin/main"
    out = subprocess.check_output("git -C /srv/repo log --oneline -n 20 " + ref, shell=True)
    return Response(out, mimetype="text/plain")
