from defusedxml import minidom
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/config/upload", methods=["POST"])
def upload_config():
    document = request.form["document"]
    dom = minidom.parseString(document)
    entries = dom.getElementsByTagName("entry")
    keys = [e.getAttribute("key") for e in entries]
    return jsonify({"entries": keys})
