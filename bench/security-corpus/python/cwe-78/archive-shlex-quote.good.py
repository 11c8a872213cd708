import shlex
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
EXPORT_DIR = "/srv/exports"


@app.route("/exports/archive", methods=["POST"])
def archive_export():
    name = request.form["name"].strip()
    target = f"{EXPORT_DIR}/{name}.tar.gz"
    cmd = f"tar -czf {shlex.quote(target)} -C {EXPORT_DIR} current"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return jsonify({"archive": target, "rc": proc.returncode, "stderr": proc.stderr})
