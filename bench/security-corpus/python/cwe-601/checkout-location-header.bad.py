from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/checkout/done", methods=["POST"])
def checkout_done():
    return_url = request.form["return_url"]
    resp = Response(status=303)
    resp.headers["Location"] = return_url
    return resp
