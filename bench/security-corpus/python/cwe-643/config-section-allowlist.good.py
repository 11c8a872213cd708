from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
SECTIONS = {"general", "mail", "storage"}


@app.route("/config/lookup", methods=["POST"])
def config_lookup():
    section = request.get_json().get("section", "general")
    if section not in SECTIONS:
        abort(404)
    doc = etree.parse("/etc/app/settings.xml")
    values = doc.xpath(f"/settings/section[@id='{section}']/option/@value")
    return jsonify({"values": [str(v) for v in values]})
