import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/feeds/import", methods=["POST"])
def import_feed():
    origin = request.headers.get("X-Feed-Origin", "")
    if origin.startswith("https://"):
        feed_url = origin + "/rss.xml"
    else:
        feed_url = "https://" + origin + "/rss.xml"
    session = requests.Session()
    resp = session.get(feed_url, timeout=8)
    return jsonify({"bytes": len(resp.content)})
