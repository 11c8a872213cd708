import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()
REGION_ENDPOINTS = {
    "eu": "https://eu.status.example.com/healthz",
    "us": "https://us.status.example.com/healthz",
}


@app.get("/status/probe")
async def probe(region: str):
    target = REGION_ENDPOINTS.get(region)
    if target is None:
        raise HTTPException(status_code=404)
    async with httpx.AsyncClient(timeout=3) as client:
        resp = await client.get(target)
    return {"region": region, "healthy": resp.status_code == 200}
