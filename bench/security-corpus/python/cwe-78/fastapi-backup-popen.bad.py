import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.post("/admin/backup")
def run_backup(database: str, label: str = "nightly"):
    parts = ["pg_dump", database, "|", "gzip", ">", f"/backups/{label}.sql.gz"]
    command_line = " ".join(parts)
    proc = subprocess.Popen(command_line, shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=600)
    return {"returncode": proc.returncode, "error": err.decode(errors="replace")}
