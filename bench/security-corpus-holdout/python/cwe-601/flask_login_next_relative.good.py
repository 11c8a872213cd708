from urllib.parse import urlparse
from flask import Flask, request, redirect, session, render_template, url_for
from .auth import check_credentials

app = Flask(__name__)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = check_credentials(request.form["username"], request.form["password"])
    if user is None:
        return render_template("login.html", error="Invalid credentials"), 401
    session["uid"] = user.id
    target = request.args.get("next") or ""
    parts = urlparse(target.replace("\\", "/"))
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("dashboard")
    return redirect(target)
