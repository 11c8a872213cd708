from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("/srv/app/data/catalog.xml")
FIND_BY_CATEGORY = etree.XPath("//product[@category=$cat]/@sku")


@app.route("/catalog/by-category")
def by_category():
    category = request.args["category"].strip().lower()
    skus = FIND_BY_CATEGORY(CATALOG, cat=category)
    return jsonify({"skus": [str(s) for s in skus]})
