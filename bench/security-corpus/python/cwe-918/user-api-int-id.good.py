import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
DIRECTORY_API = "https://directory.internal.example.com/api/users/"


@app.route("/people")
def person():
    user_id = int(request.args.get("id", "0"))
    resp = requests.get(DIRECTORY_API + str(user_id), timeout=5)
    return jsonify(resp.json())
