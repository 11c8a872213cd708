import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/artifacts", methods=["POST"])
def upload_artifact():
    blob = request.files["artifact"].read()
    checksum = hashlib.sha256(blob).hexdigest()
    etag = hashlib.md5(blob).hexdigest()
    with open(f"/srv/artifacts/{checksum}", "wb") as fh:
        fh.write(blob)
    return jsonify({"sha256": checksum, "etag": etag})
