from fastapi import FastAPI, HTTPException
from ldap3 import Connection, Server

app = FastAPI()
DEPARTMENTS = {"engineering", "finance", "sales", "support"}


@app.get("/people/by-department")
def by_department(department: str):
    if department not in DEPARTMENTS:
        raise HTTPException(status_code=404)
    conn = Connection(Server("ldap://ldap.internal"), auto_bind=True)
    conn.search("ou=people,dc=corp,dc=internal", "(ou=" + department + ")", attributes=["uid"])
    return {"uids": [str(e.uid) for e in conn.entries]}
