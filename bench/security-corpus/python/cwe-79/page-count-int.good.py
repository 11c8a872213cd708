from flask import Flask, request

app = Flask(__name__)


@app.route("/gallery")
def gallery():
    page = int(request.args.get("page", "1"))
    per_page = 24
    start = (page - 1) * per_page
    return f"<html><body><p>Showing items {start + 1} to {start + per_page} (page {page})</p></body></html>"
