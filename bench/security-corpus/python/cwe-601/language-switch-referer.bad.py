from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/lang/<code>")
def switch_language(code):
    back = request.headers.get("Referer")
    if back:
        target = back
    else:
        target = "/?lang=" + code
    resp = redirect(target, code=302)
    resp.set_cookie("lang", code)
    return resp
