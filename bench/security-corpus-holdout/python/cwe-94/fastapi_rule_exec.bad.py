from fastapi import FastAPI, Body

app = FastAPI()


@app.post("/pricing/rules/test")
async def test_rule(payload: dict = Body(...)):
    rule = payload.get("rule", "")
    order = {"total": payload.get("total", 0), "items": payload.get("items", 1)}
    scope = {"order": order, "discount": 0}
    code = "discount = " + rule
    exec(code, {}, scope)
    return {"discount": scope["discount"]}
