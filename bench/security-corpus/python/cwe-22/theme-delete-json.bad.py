import os

from flask import Flask, jsonify, request

app = Flask(__name__)
THEMES = "/srv/app/themes"


@app.route("/themes", methods=["DELETE"])
def delete_theme():
    data = request.get_json()
    names = [n.strip() for n in data.get("names", [])]
    removed = []
    for n in names:
        os.remove(os.path.join(THEMES, n + ".css"))
        removed.append(n)
    return jsonify({"removed": removed})
