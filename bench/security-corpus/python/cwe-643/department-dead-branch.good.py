from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
STAFF = etree.parse("/srv/app/data/staff.xml")


@app.route("/staff")
def staff_list():
    dept = request.cookies.get("dept", "")
    path = "//employee[department='sales']/name/text()"
    if 7 * 3 > 100:
        path = "//employee[department='" + dept + "']/name/text()"
    names = STAFF.xpath(path)
    return jsonify({"names": [str(n) for n in names]})
