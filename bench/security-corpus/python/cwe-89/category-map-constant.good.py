import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/categories/items", methods=["POST"])
def category_items():
    requested = request.form.get("category", "")
    lookup = {"primary": "books", "secondary": requested}
    category = lookup["primary"]
    conn = sqlite3.connect("catalog.db")
    cur = conn.execute(f"SELECT id, title FROM items WHERE category = '{category}'")
    items = [{"id": i, "title": t} for i, t in cur.fetchall()]
    conn.close()
    return jsonify(items)
