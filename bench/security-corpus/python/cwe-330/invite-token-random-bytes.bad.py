import base64
import random

from fastapi import FastAPI

app = FastAPI()
INVITES = {}


@app.post("/teams/{team_id}/invites")
def create_invite(team_id: int, email: str):
    rng = random.Random()
    raw = bytes(rng.randrange(256) for _ in range(24))
    token = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    INVITES[token] = {"team": team_id, "email": email}
    return {"invite_url": f"https://app.example.com/join/{token}"}
