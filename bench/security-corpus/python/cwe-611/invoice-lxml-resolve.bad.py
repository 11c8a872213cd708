from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices/import", methods=["POST"])
def import_invoice():
    xml_bytes = request.get_data()
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser)
    number = root.findtext("number")
    total = root.findtext("total")
    return jsonify({"number": number, "total": total})
