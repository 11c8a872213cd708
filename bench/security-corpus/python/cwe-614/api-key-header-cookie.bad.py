from flask import Flask, Response

from .keys import current_api_key

app = Flask(__name__)


@app.route("/console")
def console():
    api_key = current_api_key()
    resp = Response("<html><body>console</body></html>", mimetype="text/html")
    resp.headers.add("Set-Cookie", f"api_key={api_key}; Path=/; HttpOnly")
    return resp
