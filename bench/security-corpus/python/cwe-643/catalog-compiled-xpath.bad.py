from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("/srv/app/data/catalog.xml")


@app.route("/catalog/by-category")
def by_category():
    category = request.args["category"].strip().lower()
    finder = etree.XPath("//product[@category='%s']/@sku" % category)
    skus = finder(CATALOG)
    return jsonify({"skus": [str(s) for s in skus]})
