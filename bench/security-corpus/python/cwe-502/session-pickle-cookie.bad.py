import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    blob = request.cookies.get("cart", "")
    if not blob:
        return jsonify({"items": []})
    raw = base64.b64decode(blob)
    cart = pickle.loads(raw)
    return jsonify({"items": cart.get("items", []), "total": cart.get("total", 0)})
