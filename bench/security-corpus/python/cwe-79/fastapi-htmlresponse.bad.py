from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/welcome", response_class=HTMLResponse)
def welcome(user: str = "visitor", theme: str = "light"):
    parts = ["<html><body class='", theme, "'>", "<p>Hello ", user, "</p></body></html>"]
    page = "".join(parts)
    return HTMLResponse(content=page)
