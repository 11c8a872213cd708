from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.route("/docs")
def docs():
    page = request.args.get("page", "index.html")
    if not page.endswith(".html"):
        page = page + ".html"
    return send_from_directory("/srv/app/docs", page)
