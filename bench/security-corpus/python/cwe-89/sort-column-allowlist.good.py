import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
SORTABLE = {"name", "price", "created_at"}


@app.route("/products")
def list_products():
    sort = request.args.get("sort", "name").lower()
    if sort not in SORTABLE:
        sort = "name"
    db = sqlite3.connect("catalog.db")
    rows = db.execute("SELECT id, name, price FROM products ORDER BY " + sort).fetchall()
    db.close()
    return jsonify(rows)
