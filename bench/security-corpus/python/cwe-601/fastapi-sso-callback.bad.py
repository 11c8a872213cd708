from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/sso/callback")
def sso_callback(code: str, state: str = "/home"):
    target = state.strip()
    response = RedirectResponse(url=target, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    return response
