from fastapi import FastAPI

app = FastAPI()
METRICS = {"cpu": 0.42, "mem": 0.73, "disk": 0.58}


@app.get("/metrics/derived")
def derived_metric(formula: str):
    cleaned = formula.strip()
    value = eval(f"({cleaned}) * 100", {}, dict(METRICS))
    return {"formula": cleaned, "percent": value}
