import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()

NODES = {
    "web-1": "http://10.0.1.11:9100/metrics",
    "web-2": "http://10.0.1.12:9100/metrics",
    "db-1": "http://10.0.2.21:9100/metrics",
}


@app.get("/cluster/node-status")
async def node_status(node: str):
    target = NODES.get(node)
    if target is None:
        raise HTTPException(status_code=404, detail="unknown node")
    async with httpx.AsyncClient(timeout=3.0) as client:
        r = await client.get(target)
    lines = [l for l in r.text.splitlines() if l.startswith("node_load")]
    return {"node": node, "load": lines}
