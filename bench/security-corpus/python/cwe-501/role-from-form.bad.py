import os

from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.route("/onboarding/finish", methods=["POST"])
def finish_onboarding():
    role = request.form.get("role", "viewer")
    session["user_role"] = role
    return redirect("/dashboard")
