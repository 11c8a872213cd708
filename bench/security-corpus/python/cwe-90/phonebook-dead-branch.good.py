import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/phonebook")
def phonebook():
    surname = request.values.get("surname", "")
    term = "*"
    if 7 * 3 > 100:
        term = surname
    conn = ldap.initialize("ldap://ldap.example.com")
    data = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(sn=" + term + ")", ["cn"])
    return jsonify([dn for dn, _ in data])
