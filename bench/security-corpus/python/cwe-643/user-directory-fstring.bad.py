from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
TREE = etree.parse("/srv/app/data/users.xml")


@app.route("/directory/user")
def find_user():
    name = request.args.get("name", "")
    nodes = TREE.xpath(f"//user[@name='{name}']/email/text()")
    return jsonify({"emails": [str(n) for n in nodes]})
