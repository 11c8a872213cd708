import hashlib

from flask import Flask, jsonify, request

from .db import db, User

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    user = User(username=username, password_hash=digest)
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201
