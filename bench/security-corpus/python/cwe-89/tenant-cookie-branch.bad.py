import mysql.connector
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/dashboard/widgets")
def widgets():
    tenant = request.cookies.get("tenant")
    if tenant:
        where = "tenant = '" + tenant.lower() + "'"
    else:
        where = "tenant = 'public'"
    conn = mysql.connector.connect(host="mysql", user="app", database="dash")
    cur = conn.cursor(dictionary=True)
    cur.execute("SELECT id, title, kind FROM widgets WHERE " + where)
    items = cur.fetchall()
    conn.close()
    return jsonify(items)
