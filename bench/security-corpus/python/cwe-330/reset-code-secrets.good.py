import secrets

from flask import Flask, jsonify, request

from .mail import send_reset_mail

app = Flask(__name__)
RESET_CODES = {}


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form["email"].lower()
    code = f"{secrets.randbelow(1_000_000):06d}"
    RESET_CODES[email] = code
    send_reset_mail(email, code)
    return jsonify({"sent": True})
