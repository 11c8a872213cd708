import defusedxml.ElementTree as ET
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/invoices/import", methods=["POST"])
def import_invoice():
    xml_bytes = request.get_data()
    root = ET.fromstring(xml_bytes)
    number = root.findtext("number")
    total = root.findtext("total")
    return jsonify({"number": number, "total": total})
