from pathlib import Path

from flask import Flask, jsonify, request

app = Flask(__name__)
AVATAR_DIR = Path("/srv/static/avatars")


@app.route("/profile/avatar", methods=["POST"])
def save_avatar():
    upload = request.files["avatar"]
    target_name = request.form.get("target", upload.filename)
    destination = AVATAR_DIR / target_name
    upload.save(str(destination))
    return jsonify({"stored": str(destination)})
