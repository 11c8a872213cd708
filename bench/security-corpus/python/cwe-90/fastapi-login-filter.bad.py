from fastapi import FastAPI, Form
from ldap3 import Connection, Server

app = FastAPI()


@app.post("/auth/ldap")
def ldap_login(username: str = Form(...), department: str = Form("")):
    filters = ["(objectClass=inetOrgPerson)", "(uid=%s)" % username]
    if department:
        filters.append("(ou=%s)" % department)
    query = "(&" + "".join(filters) + ")"
    conn = Connection(Server("ldap://ldap.internal"), auto_bind=True)
    conn.search("ou=people,dc=corp,dc=internal", query, attributes=["uid"])
    return {"matches": len(conn.entries)}
