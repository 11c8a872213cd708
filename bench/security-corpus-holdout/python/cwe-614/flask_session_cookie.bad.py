import secrets
from flask import Flask, request, make_response, jsonify
from .auth import authenticate, sessions

app = Flask(__name__)


@app.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    if user is None:
        return jsonify(error="invalid credentials"), 401
    sid = secrets.token_urlsafe(32)
    sessions[sid] = user.id
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("sid", sid, httponly=True, samesite="Lax", max_age=3600)
    return resp
