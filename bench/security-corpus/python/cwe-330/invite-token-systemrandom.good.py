import random
import string

from fastapi import FastAPI

app = FastAPI()
INVITES = {}
_sysrand = random.SystemRandom()


@app.post("/teams/{team_id}/invites")
def create_invite(team_id: int, email: str):
    token = "".join(_sysrand.choice(string.ascii_letters + string.digits) for _ in range(32))
    INVITES[token] = {"team": team_id, "email": email}
    return {"invite_url": f"https://app.example.com/join/{token}"}
