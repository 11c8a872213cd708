from pathlib import Path
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse

REPORT_ROOT = Path("/data/reports")


async def report(request: Request):
    name = request.query_params.get("name", "")
    report_path = REPORT_ROOT / name
    if not report_path.exists():
        return PlainTextResponse("not found", status_code=404)
    return FileResponse(report_path)
