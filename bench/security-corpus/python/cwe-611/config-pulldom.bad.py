import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/config/upload", methods=["POST"])
def upload_config():
    document = request.form["document"]
    sax_parser = xml.sax.make_parser()
    sax_parser.setFeature(feature_external_ges, True)
    events = pulldom.parseString(document, parser=sax_parser)
    keys = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "entry":
            events.expandNode(node)
            value = node.firstChild.data if node.firstChild else ""
            keys.append(node.getAttribute("key") + "=" + value)
    return jsonify({"entries": keys})
