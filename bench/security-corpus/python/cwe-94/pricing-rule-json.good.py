import json

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/pricing/preview", methods=["POST"])
def preview_rule():
    rule = json.loads(request.get_data(as_text=True) or "{}")
    base = float(rule.get("base", 100.0))
    discount = float(rule.get("discount", 0))
    qty = int(rule.get("qty", 1))
    return jsonify({"price": round(base * qty * (1 - discount / 100), 2)})
