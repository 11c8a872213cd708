from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
STAFF = etree.parse("/srv/app/data/staff.xml")


@app.route("/staff")
def staff_list():
    dept = request.cookies.get("dept")
    if dept:
        path = "//employee[department='" + dept + "']/name/text()"
    else:
        path = "//employee/name/text()"
    names = STAFF.xpath(path)
    return jsonify({"names": [str(n) for n in names]})
