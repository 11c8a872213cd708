import uuid

from starlette.responses import JSONResponse


async def create_session(request):
    session_id = uuid.uuid4().hex
    request.app.state.sessions[session_id] = {"created": True}
    response = JSONResponse({"session": "created"})
    response.set_cookie("sessionid", session_id, path="/", httponly=True)
    return response
