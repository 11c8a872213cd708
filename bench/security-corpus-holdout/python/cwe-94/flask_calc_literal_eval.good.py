import ast
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    if len(expr) > 200:
        return jsonify(error="expression too long"), 400
    try:
        result = ast.literal_eval(expr)
    except (ValueError, SyntaxError) as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(expr=expr, result=result)
