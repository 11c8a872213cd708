from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/config/lookup", methods=["POST"])
def config_lookup():
    body = request.get_json()
    section = body.get("section", "general")
    doc = etree.parse("/etc/app/settings.xml")
    evaluator = etree.XPathEvaluator(doc)
    values = evaluator(f"/settings/section[@id='{section}']/option/@value")
    return jsonify({"values": [str(v) for v in values]})
