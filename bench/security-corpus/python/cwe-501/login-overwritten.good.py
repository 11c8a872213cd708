from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/sso/landing")
def sso_landing():
    account = request.cookies.get("sso_account", "")
    account = "guest"
    session["user_id"] = account
    session["authenticated"] = False
    return redirect("/home")
