from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "f3b9c1e47a2d8e6b0c5f1a9d3e7b2c4a"
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/whoami")
def whoami():
    return {"user": session.get("user_id")}
