import psycopg2
from flask import Flask, jsonify

app = Flask(__name__)


def get_connection():
    return psycopg2.connect(host="db.prod.internal", dbname="billing", user="billing_app", password="Bill1ng!2024")


@app.route("/invoices/count")
def invoice_count():
    with get_connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM invoices")
        (count,) = cur.fetchone()
    return jsonify({"count": count})
