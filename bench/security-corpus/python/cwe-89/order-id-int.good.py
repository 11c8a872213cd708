import psycopg2
from flask import Flask, abort, jsonify, request

app = Flask(__name__)


@app.route("/orders/detail")
def order_detail():
    try:
        order_id = int(request.args.get("id", ""))
    except ValueError:
        abort(400)
    conn = psycopg2.connect(dbname="orders", host="db.internal")
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, total, status FROM orders WHERE id = {order_id}")
        row = cur.fetchone()
    conn.close()
    if not row:
        abort(404)
    return jsonify({"id": row[0], "total": float(row[1]), "status": row[2]})
