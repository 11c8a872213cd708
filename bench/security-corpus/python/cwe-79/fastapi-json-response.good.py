from fastapi import FastAPI

app = FastAPI()


@app.get("/welcome")
def welcome(user: str = "visitor", theme: str = "light"):
    message = "Hello " + user
    if theme not in ("light", "dark"):
        theme = "light"
    return {"message": message, "theme": theme}
