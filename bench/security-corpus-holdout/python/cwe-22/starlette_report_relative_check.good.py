from pathlib import Path
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse

REPORT_ROOT = Path("/data/reports").resolve()


async def report(request: Request):
    name = request.query_params.get("name", "")
    report_path = (REPORT_ROOT / name).resolve()
    if not report_path.is_relative_to(REPORT_ROOT):
        return PlainTextResponse("forbidden", status_code=403)
    if not report_path.exists():
        return PlainTextResponse("not found", status_code=404)
    return FileResponse(report_path)
