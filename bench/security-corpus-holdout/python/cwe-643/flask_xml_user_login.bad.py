from flask import Flask, request, jsonify, abort
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/etc/app/users.xml")


@app.post("/api/login")
def xml_login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    query = f"//user[name/text()='{username}' and password/text()='{password}']"
    matches = USERS.xpath(query)
    if not matches:
        abort(401)
    return jsonify(user=matches[0].findtext("name"), role=matches[0].findtext("role"))
