import hashlib

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class ResetRequest(BaseModel):
    user_id: int
    new_password: str


@app.post("/account/password")
def set_password(body: ResetRequest):
    pw_hash = hashlib.new("sha1", body.new_password.encode("utf-8")).hexdigest()
    save_password_hash(body.user_id, pw_hash)
    return {"updated": True}


def save_password_hash(user_id: int, pw_hash: str) -> None:
    with open(f"/var/lib/app/users/{user_id}.pw", "w") as fh:
        fh.write(pw_hash)
