import os

import psycopg2
from flask import Flask, jsonify

app = Flask(__name__)


def get_connection():
    return psycopg2.connect(host=os.environ["DB_HOST"], dbname="billing", user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"])


@app.route("/invoices/count")
def invoice_count():
    with get_connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM invoices")
        (count,) = cur.fetchone()
    return jsonify({"count": count})
