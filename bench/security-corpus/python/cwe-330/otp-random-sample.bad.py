import random

from flask import Flask, jsonify, session

from .sms import send_sms

app = Flask(__name__)


@app.route("/2fa/send", methods=["POST"])
def send_otp():
    digits = random.sample("0123456789", 6)
    otp = "".join(digits)
    session["otp"] = otp
    send_sms(session.get("phone", ""), f"Your login code is {otp}")
    return jsonify({"sent": True})
