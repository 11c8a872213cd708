import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/audit/events")
def audit_events():
    actor = request.args.get("actor", "")
    if 7 * 3 > 100:
        clause = "actor = '" + actor + "'"
    else:
        clause = "actor = 'system'"
    conn = sqlite3.connect("audit.db")
    rows = conn.execute("SELECT ts, action FROM events WHERE " + clause + " LIMIT 100").fetchall()
    conn.close()
    return jsonify(rows)
