from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports/formula")
def report_formula():
    user_formula = request.args.get("formula", "")
    formulas = {"default": "sum(values) / len(values)", "custom": user_formula}
    chosen = formulas["default"]
    values = [3, 5, 8, 13]
    return jsonify({"average": eval(chosen, {"sum": sum, "len": len}, {"values": values})})
