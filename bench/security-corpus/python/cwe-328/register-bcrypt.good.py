import bcrypt
from flask import Flask, jsonify, request

from .db import db, User

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    digest = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12))
    user = User(username=username, password_hash=digest.decode())
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201
