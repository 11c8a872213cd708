from flask import Flask, jsonify, request

from .auth import authenticate

app = Flask(__name__)
PASSWORD_FIELD = "password"
TOKEN_HEADER = "Authorization"
SECRET_QUESTION_LABEL = "What was the name of your first pet?"


@app.route("/login", methods=["POST"])
def login():
    user = authenticate(request.form.get("username", ""), request.form.get(PASSWORD_FIELD, ""))
    if user is None:
        return jsonify({"ok": False, "hint": SECRET_QUESTION_LABEL}), 401
    return jsonify({"ok": True, "header": TOKEN_HEADER})
