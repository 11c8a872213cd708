import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/models/upload", methods=["POST"])
def upload_model():
    upload = request.files["model"]
    model = pickle.load(upload.stream)
    return jsonify({"type": type(model).__name__})
