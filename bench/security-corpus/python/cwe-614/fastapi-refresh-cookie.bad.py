from fastapi import FastAPI, Response

from .jwt_tools import create_refresh_token

app = FastAPI()


@app.post("/auth/refresh-cookie")
def set_refresh_cookie(response: Response, user_id: int):
    refresh = create_refresh_token(user_id)
    response.set_cookie(key="refresh_token", value=refresh, httponly=True, samesite="strict")
    return {"ok": True}
