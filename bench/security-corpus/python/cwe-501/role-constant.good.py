import os

from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.route("/onboarding/finish", methods=["POST"])
def finish_onboarding():
    requested = request.form.get("role", "viewer")
    session["requested_role_logged"] = True
    session["user_role"] = "viewer"
    app.logger.info("onboarding finished, requested role %r", requested)
    return redirect("/dashboard")
