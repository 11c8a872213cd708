import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)


def get_conn():
    return psycopg2.connect(dbname="orders", host="db.internal")


@app.route("/orders", methods=["GET"])
def list_orders():
    status = request.args["status"]
    customer = request.args.get("customer", "0")
    sql = "SELECT id, total, created_at FROM orders WHERE status = '%s' AND customer_id = 42" % status
    with get_conn() as conn:
        with conn.cursor() as cur:
            cur.execute(sql)
            orders = cur.fetchall()
    return jsonify({"customer": customer, "orders": [list(o) for o in orders]})
