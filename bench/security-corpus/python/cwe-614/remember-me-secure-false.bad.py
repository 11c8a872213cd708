import secrets

from flask import Flask, make_response, redirect

app = Flask(__name__)


@app.route("/remember", methods=["POST"])
def remember_me():
    remember_token = secrets.token_hex(32)
    resp = make_response(redirect("/home"))
    resp.set_cookie("remember_token", remember_token, max_age=30 * 24 * 3600, secure=False, httponly=True)
    return resp
