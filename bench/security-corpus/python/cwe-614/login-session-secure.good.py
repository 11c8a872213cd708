import secrets

from flask import Flask, jsonify, make_response, request

from .auth import check_credentials

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    if not check_credentials(request.form["username"], request.form["password"]):
        return jsonify({"ok": False}), 401
    token = secrets.token_urlsafe(32)
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("session_token", token, secure=True, httponly=True, samesite="Lax")
    return resp
