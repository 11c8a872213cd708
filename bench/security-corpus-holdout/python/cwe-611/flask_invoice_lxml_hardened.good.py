from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/invoices/import")
def import_invoice():
    payload = request.get_data()
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    root = etree.fromstring(payload, parser)
    lines = []
    for item in root.iter("line"):
        lines.append({"sku": item.findtext("sku"), "qty": int(item.findtext("qty") or 0)})
    return jsonify(customer=root.findtext("customer"), lines=lines)
