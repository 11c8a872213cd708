from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/lang")
def switch_language():
    code = request.args.get("code", "en")
    page = request.args.get("page", "index")
    if page not in {"index", "pricing", "docs"}:
        page = "index"
    return redirect(url_for(page, lang=code))
