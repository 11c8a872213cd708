import ldap
import ldap.filter
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/groups/members", methods=["POST"])
def group_members():
    group = request.get_json().get("group", "staff")
    flt = ldap.filter.filter_format("(&(objectClass=groupOfNames)(cn=%s))", [group])
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s()
    found = conn.search_s("ou=groups,dc=example,dc=com", ldap.SCOPE_ONELEVEL, flt, ["member"])
    members = [m.decode() for _, attrs in found for m in attrs.get("member", [])]
    return jsonify({"members": members})
