from flask import Flask, request, session, redirect
from .auth import verify_password

app = Flask(__name__)


@app.post("/signin")
def signin():
    email = request.form["email"]
    if not verify_password(email, request.form["password"]):
        return redirect("/signin?failed=1")
    session["email"] = email
    role = request.form.get("role", "member")
    session["role"] = role
    return redirect("/home")
