import os

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])


@app.post("/profile/level")
async def set_level(request: Request, level: str):
    levels = {"default": "basic", "requested": level}
    request.session["access_level"] = levels["default"]
    return {"access_level": request.session["access_level"]}
