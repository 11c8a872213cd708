import operator
from fastapi import FastAPI, Body

app = FastAPI()

ENABLE_DYNAMIC_RULES = False
RULES = {
    "ten_percent": lambda o: o["total"] * 0.10,
    "bulk": lambda o: 5 if o["items"] >= 10 else 0,
}


@app.post("/pricing/rules/test")
async def test_rule(payload: dict = Body(...)):
    rule = payload.get("rule", "")
    order = {"total": payload.get("total", 0), "items": payload.get("items", 1)}
    if ENABLE_DYNAMIC_RULES:
        scope = {"order": order, "discount": 0}
        exec("discount = " + rule, {}, scope)
        return {"discount": scope["discount"]}
    fn = RULES.get(rule)
    return {"discount": fn(order) if fn else 0}
