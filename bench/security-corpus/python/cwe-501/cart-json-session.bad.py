from flask import Flask, jsonify, request, session

app = Flask(__name__)


@app.route("/cart/discount", methods=["POST"])
def apply_discount():
    body = request.get_json()
    coupon = {"code": body.get("code", ""), "percent": body.get("percent", 0)}
    session["discount"] = coupon
    return jsonify({"applied": coupon["code"]})
