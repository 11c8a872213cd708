import base64
import pickle
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart")
    if raw is None:
        return jsonify(items=[])
    cart = pickle.loads(base64.b64decode(raw))
    return jsonify(items=cart.get("items", []), total=cart.get("total", 0))
