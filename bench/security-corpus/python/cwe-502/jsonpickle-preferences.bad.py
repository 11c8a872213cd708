import jsonpickle
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/preferences", methods=["PUT"])
def update_preferences():
    encoded = request.form["prefs"]
    prefs = jsonpickle.decode(encoded)
    theme = getattr(prefs, "theme", "light")
    return jsonify({"theme": theme})
