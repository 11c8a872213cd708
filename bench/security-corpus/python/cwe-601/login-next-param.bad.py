from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    user = request.form.get("user", "")
    next_url = request.args.get("next", "/")
    session["pending_user"] = "member" if user else "anonymous"
    return redirect(next_url)
