import hashlib
from flask import Flask, request, jsonify
from .models import db, User

app = Flask(__name__)


@app.post("/register")
def register():
    form = request.get_json()
    if User.query.filter_by(email=form["email"]).first():
        return jsonify(error="email taken"), 409
    digest = hashlib.md5(form["password"].encode("utf-8")).hexdigest()
    user = User(email=form["email"], password_hash=digest)
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201
