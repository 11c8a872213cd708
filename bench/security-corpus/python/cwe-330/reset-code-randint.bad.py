import random

from flask import Flask, jsonify, request

from .mail import send_reset_mail

app = Flask(__name__)
RESET_CODES = {}


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form["email"].lower()
    code = str(random.randint(100000, 999999))
    RESET_CODES[email] = code
    send_reset_mail(email, code)
    return jsonify({"sent": True})
