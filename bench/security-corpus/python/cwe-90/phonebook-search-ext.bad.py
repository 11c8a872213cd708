import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/phonebook")
def phonebook():
    surname = request.values.get("surname", "*")
    if surname.endswith("*"):
        term = surname
    else:
        term = surname + "*"
    conn = ldap.initialize("ldap://ldap.example.com")
    msgid = conn.search_ext("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(sn=" + term + ")", ["cn", "telephoneNumber"])
    _, data = conn.result(msgid)
    return jsonify([dn for dn, _ in data])
