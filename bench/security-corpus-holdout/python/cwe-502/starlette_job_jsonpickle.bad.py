import jsonpickle
from starlette.requests import Request
from starlette.responses import JSONResponse


async def enqueue_job(request: Request) -> JSONResponse:
    body = await request.body()
    job = jsonpickle.decode(body.decode("utf-8"))
    queue = request.app.state.queue
    await queue.put(job)
    return JSONResponse({"queued": True, "size": queue.qsize()})
