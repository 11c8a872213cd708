from flask import Flask, make_response, redirect, request

app = Flask(__name__)
THEMES = {"light", "dark", "contrast"}


@app.route("/preferences/theme", methods=["POST"])
def set_theme():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    resp = make_response(redirect("/settings"))
    resp.set_cookie("theme", theme, max_age=365 * 24 * 3600, samesite="Lax")
    return resp
