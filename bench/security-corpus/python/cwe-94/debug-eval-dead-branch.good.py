from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/debug/evaluate", methods=["POST"])
def debug_evaluate():
    snippet = request.form.get("snippet", "")
    expr = "1 + 1"
    if 7 * 3 > 100:
        expr = snippet
    result = eval(expr)
    return jsonify({"result": result})
