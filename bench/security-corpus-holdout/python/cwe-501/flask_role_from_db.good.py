from flask import Flask, request, session, redirect
from .auth import verify_password, load_user

app = Flask(__name__)


@app.post("/signin")
def signin():
    email = request.form["email"]
    if not verify_password(email, request.form["password"]):
        return redirect("/signin?failed=1")
    user = load_user(email)
    session["uid"] = user.id
    session["role"] = user.role
    return redirect("/home")
