import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = "/var/lib/shop/catalog.db"


@app.route("/products/search")
def search_products():
    term = request.args.get("q", "")
    conn = sqlite3.connect(DB_PATH)
    try:
        cur = conn.cursor()
        cur.execute("SELECT id, name, price FROM products WHERE name LIKE ? ORDER BY name", (f"%{term}%",))
        rows = cur.fetchall()
    finally:
        conn.close()
    return jsonify([{"id": r[0], "name": r[1], "price": r[2]} for r in rows])
