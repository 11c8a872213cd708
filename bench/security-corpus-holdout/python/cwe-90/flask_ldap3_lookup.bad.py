from flask import Flask, request, jsonify
from ldap3 import Server, Connection, SUBTREE

app = Flask(__name__)
server = Server("ldap://ldap.corp.example.com")


@app.route("/directory/lookup")
def lookup():
    username = request.args.get("user", "")
    conn = Connection(server, auto_bind=True)
    search_filter = f"(&(objectClass=person)(uid={username}))"
    conn.search("ou=people,dc=example,dc=com", search_filter, SUBTREE, attributes=["cn", "mail", "title"])
    people = [{"cn": str(e.cn), "mail": str(e.mail), "title": str(e.title)} for e in conn.entries]
    conn.unbind()
    return jsonify(people)
