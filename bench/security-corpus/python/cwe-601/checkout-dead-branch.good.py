from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/checkout/done", methods=["POST"])
def checkout_done():
    return_url = request.form.get("return_url", "")
    location = "/orders"
    if 7 * 3 > 100:
        location = return_url
    resp = Response(status=303)
    resp.headers["Location"] = location
    return resp
