import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc/sum")
def calculate():
    raw = request.args.get("values", "[]")
    values = ast.literal_eval(raw)
    total = sum(float(v) for v in values)
    return jsonify({"count": len(values), "total": total})
