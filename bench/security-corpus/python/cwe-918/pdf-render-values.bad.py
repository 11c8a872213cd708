import urllib3
from flask import Flask, jsonify, request

app = Flask(__name__)
http = urllib3.PoolManager()


@app.route("/render/pdf")
def render_pdf():
    page = request.values.get("page", "")
    options = {"source": page.strip(), "format": "A4"}
    resp = http.request("GET", options["source"], timeout=10.0)
    return jsonify({"fetched": len(resp.data), "format": options["format"]})
