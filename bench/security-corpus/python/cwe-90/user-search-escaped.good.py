import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, jsonify, request

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


@app.route("/directory/search")
def directory_search():
    user = request.args.get("user", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s()
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(user) + ")", ["cn", "mail"])
    conn.unbind_s()
    return jsonify([{"dn": dn, "cn": attrs.get("cn", [b""])[0].decode()} for dn, attrs in results])
