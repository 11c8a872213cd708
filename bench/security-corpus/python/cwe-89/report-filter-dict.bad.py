import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports/sales", methods=["POST"])
def sales_report():
    payload = request.get_json(force=True)
    filters = {"region": payload.get("region", "EU"), "year": payload.get("year", "2024")}
    template = "SELECT month, SUM(amount) FROM sales WHERE region = '{region}' AND year = {year} GROUP BY month"
    statement = template.format(**filters)
    db = sqlite3.connect("reports.db")
    cursor = db.execute(statement)
    data = [{"month": m, "total": t} for m, t in cursor.fetchall()]
    db.close()
    return jsonify(data)
