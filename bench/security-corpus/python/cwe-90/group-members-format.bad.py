import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/groups/members", methods=["POST"])
def group_members():
    data = request.get_json()
    group = data.get("group", "staff")
    flt = "(&(objectClass=groupOfNames)(cn={}))".format(group)
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s()
    found = conn.search_s("ou=groups,dc=example,dc=com", ldap.SCOPE_ONELEVEL, flt, ["member"])
    members = [m.decode() for _, attrs in found for m in attrs.get("member", [])]
    return jsonify({"members": members})
