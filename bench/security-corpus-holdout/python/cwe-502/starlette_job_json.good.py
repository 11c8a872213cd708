import json
from starlette.requests import Request
from starlette.responses import JSONResponse


async def enqueue_job(request: Request) -> JSONResponse:
    body = await request.body()
    job = json.loads(body.decode("utf-8"))
    if not isinstance(job, dict) or "task" not in job:
        return JSONResponse({"error": "task missing"}, status_code=422)
    queue = request.app.state.queue
    await queue.put(job)
    return JSONResponse({"queued": True, "size": queue.qsize()})
