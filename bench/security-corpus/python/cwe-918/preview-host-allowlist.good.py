from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/link/preview")
def link_preview():
    url = request.args.get("url", "")
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        abort(403)
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return jsonify({"status": resp.status_code, "length": len(resp.content)})
