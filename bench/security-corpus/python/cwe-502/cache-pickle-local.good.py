import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)
CACHE_FILE = "/var/cache/app/countries.pkl"


@app.route("/countries")
def countries():
    prefix = request.args.get("prefix", "").upper()
    with open(CACHE_FILE, "rb") as fh:
        table = pickle.load(fh)
    matches = [c for c in table if c["code"].startswith(prefix)]
    return jsonify(matches)
