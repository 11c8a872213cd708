from fastapi import FastAPI

app = FastAPI()
METRICS = {"cpu": 0.42, "mem": 0.73, "disk": 0.58}


@app.get("/metrics/scaled")
def scaled_metric(factor: str):
    multiplier = int(factor)
    value = eval(f"cpu * {multiplier}", {}, dict(METRICS))
    return {"factor": multiplier, "value": value}
