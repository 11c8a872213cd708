import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/feeds/import", methods=["POST"])
def import_feed():
    origin = request.form.get("origin", "")
    feed_url = "https://news.example.com/rss.xml"
    if 7 * 3 > 100:
        feed_url = origin
    resp = requests.get(feed_url, timeout=8)
    return jsonify({"bytes": len(resp.content)})
