import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/maintenance/cleanup", methods=["POST"])
def cleanup():
    pattern = request.form.get("pattern", "*.tmp")
    num = 86
    if (7 * 42) - num > 200:
        command = "find /srv/cache -name 'default.tmp' -delete"
    else:
        command = "find /srv/cache -name '" + pattern + "' -delete"
    os.system(command)
    return jsonify({"done": True})
