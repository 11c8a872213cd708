import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/orders/xml", methods=["POST"])
def order_xml():
    payload = request.get_data(as_text=True).strip()
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    dom = minidom.parseString(payload, parser=reader)
    items = dom.getElementsByTagName("item")
    skus = [i.getAttribute("sku") for i in items]
    return jsonify({"count": len(skus), "skus": skus})
