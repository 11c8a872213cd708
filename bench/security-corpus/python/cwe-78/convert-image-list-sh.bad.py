import subprocess

from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/images/resize", methods=["POST"])
def resize():
    data = request.get_json()
    opts = {"size": data.get("size", "200x200"), "file": data.get("file", "avatar.png")}
    args = ["sh", "-c", "convert /srv/img/" + opts["file"] + " -resize " + opts["size"] + " /tmp/out.png"]
    subprocess.check_call(args)
    return send_file("/tmp/out.png", mimetype="image/png")
