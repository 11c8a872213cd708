import secrets

from flask import Flask, Response

app = Flask(__name__)


@app.route("/remember", methods=["POST"])
def remember_me():
    remember_token = secrets.token_hex(32)
    resp = Response(status=204)
    resp.headers.add("Set-Cookie", f"remember_token={remember_token}; Path=/; Secure; HttpOnly; SameSite=Lax")
    return resp
