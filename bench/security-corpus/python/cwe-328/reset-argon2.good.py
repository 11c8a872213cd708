from argon2 import PasswordHasher
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
hasher = PasswordHasher()


class ResetRequest(BaseModel):
    user_id: int
    new_password: str


@app.post("/account/password")
def set_password(body: ResetRequest):
    pw_hash = hasher.hash(body.new_password)
    with open(f"/var/lib/app/users/{body.user_id}.pw", "w") as fh:
        fh.write(pw_hash)
    return {"updated": True}
