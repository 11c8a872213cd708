import re
import requests
from flask import Flask, request, jsonify

app = Flask(__name__)
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.I | re.S)


@app.post("/api/preview")
def link_preview():
    url = request.get_json(force=True).get("url")
    if not url or not url.startswith(("http://", "https://")):
        return jsonify(error="url required"), 400
    resp = requests.get(url, timeout=5)
    match = TITLE_RE.search(resp.text)
    return jsonify(url=url, status=resp.status_code, title=match.group(1).strip() if match else None)
