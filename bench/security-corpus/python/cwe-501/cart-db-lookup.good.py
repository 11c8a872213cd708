from flask import Flask, jsonify, request, session

from .models import Coupon

app = Flask(__name__)


@app.route("/cart/discount", methods=["POST"])
def apply_discount():
    code = request.get_json().get("code", "")
    coupon = Coupon.query.filter_by(code=code, active=True).first()
    if coupon is None:
        return jsonify({"applied": None}), 404
    session["discount_id"] = coupon.id
    return jsonify({"applied": coupon.code})
