from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/sso/landing")
def sso_landing():
    account = request.cookies.get("sso_account")
    profile = {"account": account, "source": "sso"}
    session.update(user_id=profile["account"], authenticated=True)
    return redirect("/home")
