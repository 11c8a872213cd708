import urllib.request

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/avatar/fetch", methods=["POST"])
def fetch_avatar():
    data = request.get_json()
    image_url = data["image_url"]
    with urllib.request.urlopen(image_url, timeout=5) as remote:
        body = remote.read(2_000_000)
    return Response(body, mimetype="image/png")
