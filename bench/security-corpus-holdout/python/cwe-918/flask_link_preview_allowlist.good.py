import re
from urllib.parse import urlparse

import requests
from flask import Flask, request, jsonify

app = Flask(__name__)
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.I | re.S)
ALLOWED_HOSTS = {"docs.example.com", "blog.example.com", "status.example.com"}


@app.post("/api/preview")
def link_preview():
    url = request.get_json(force=True).get("url") or ""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        return jsonify(error="host not allowed"), 400
    resp = requests.get(url, timeout=5, allow_redirects=False)
    match = TITLE_RE.search(resp.text)
    return jsonify(url=url, status=resp.status_code, title=match.group(1).strip() if match else None)
