from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/sso/callback")
def sso_callback(code: str, state: str = "/home"):
    response = RedirectResponse(url="/dashboard", status_code=302)
    response.set_cookie("sso_state", state[:64], secure=True, httponly=True)
    return response
