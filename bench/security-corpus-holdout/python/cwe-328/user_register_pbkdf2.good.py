import hashlib
import os
from flask import Flask, request, jsonify
from .models import db, User

app = Flask(__name__)


@app.post("/register")
def register():
    form = request.get_json()
    if User.query.filter_by(email=form["email"]).first():
        return jsonify(error="email taken"), 409
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", form["password"].encode("utf-8"), salt, 600_000)
    user = User(email=form["email"], password_hash=salt.hex() + "$" + digest.hex())
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201
