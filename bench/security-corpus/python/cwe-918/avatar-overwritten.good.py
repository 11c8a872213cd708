import urllib.request

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/avatar/default")
def default_avatar():
    image_url = request.args.get("image_url", "")
    size = request.args.get("size", "64")
    image_url = "https://static.example.com/avatars/default.png"
    with urllib.request.urlopen(image_url, timeout=5) as remote:
        body = remote.read()
    return Response(body, mimetype="image/png", headers={"X-Size": size})
