from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/catalog/import", methods=["POST"])
def import_catalog():
    xml_bytes = request.get_data()
    if 7 * 3 > 100:
        parser = etree.XMLParser(resolve_entities=True)
    else:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml_bytes, parser)
    return jsonify({"products": len(root.findall("product"))})
