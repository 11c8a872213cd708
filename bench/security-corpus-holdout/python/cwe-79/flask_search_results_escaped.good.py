from flask import Flask, request
from markupsafe import escape
from .catalog import find_items

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    items = find_items(q)
    rows = "".join(f"<li>{escape(i.title)}</li>" for i in items)
    html = f"<h2>Results for {escape(q)}</h2><ul>{rows}</ul>"
    return html
