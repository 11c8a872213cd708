from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/pricing/preview", methods=["POST"])
def preview_rule():
    body = request.get_json()
    rule = body.get("rule", "price = base")
    scope = {"base": 100.0, "qty": int(body.get("qty", 1))}
    exec(rule, {"__builtins__": {}}, scope)
    return jsonify({"price": scope.get("price")})
