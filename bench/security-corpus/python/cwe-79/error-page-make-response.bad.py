from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/error")
def error_page():
    reason = request.args.get("reason", "unknown")
    body = "<h1>Something went wrong</h1><p>Reason: %s</p>" % reason
    resp = make_response(body, 500)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
