import subprocess

from fastapi import FastAPI, HTTPException

app = FastAPI()
DATABASES = {"billing", "inventory", "users"}


@app.post("/admin/backup")
def run_backup(database: str):
    if database not in DATABASES:
        raise HTTPException(status_code=404, detail="unknown database")
    with open(f"/backups/{database}.sql", "wb") as out:
        proc = subprocess.run(["pg_dump", "--no-owner", database], stdout=out, check=False)
    return {"returncode": proc.returncode}
