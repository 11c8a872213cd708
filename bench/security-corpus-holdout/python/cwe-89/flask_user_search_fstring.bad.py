import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)


def get_db():
    return sqlite3.connect("app.db")


@app.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    if not name:
        return jsonify([])
    conn = get_db()
    cur = conn.cursor()
    cur.execute(f"SELECT id, name, email FROM users WHERE name LIKE '%{name}%'")
    rows = cur.fetchall()
    conn.close()
    return jsonify([{"id": r[0], "name": r[1], "email": r[2]} for r in rows])
