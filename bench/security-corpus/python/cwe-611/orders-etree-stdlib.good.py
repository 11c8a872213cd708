import xml.etree.ElementTree as ElementTree

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/orders/xml", methods=["POST"])
def order_xml():
    payload = request.get_data(as_text=True).strip()
    root = ElementTree.fromstring(payload)
    skus = [item.get("sku") for item in root.iter("item")]
    return jsonify({"count": len(skus), "skus": skus})
