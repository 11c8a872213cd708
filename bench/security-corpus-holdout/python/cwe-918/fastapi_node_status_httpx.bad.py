import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/cluster/node-status")
async def node_status(node: str, port: int = 9100):
    target = f"http://{node}:{port}/metrics"
    async with httpx.AsyncClient(timeout=3.0) as client:
        r = await client.get(target)
    lines = [l for l in r.text.splitlines() if l.startswith("node_load")]
    return {"node": node, "load": lines}
