import os

from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY") or os.urandom(32)
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/whoami")
def whoami():
    return {"user": session.get("user_id")}
