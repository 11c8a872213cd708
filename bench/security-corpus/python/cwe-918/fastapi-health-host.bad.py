import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/status/probe")
async def probe(host: str, port: int = 80):
    target = f"http://{host}:{port}/healthz"
    async with httpx.AsyncClient(timeout=3) as client:
        resp = await client.get(target)
    return {"target": target, "healthy": resp.status_code == 200}
