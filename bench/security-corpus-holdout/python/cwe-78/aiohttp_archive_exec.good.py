import asyncio
from aiohttp import web


async def archive(request: web.Request) -> web.Response:
    data = await request.json()
    names = [str(n) for n in data.get("files", [])]
    if not names:
        return web.json_response({"error": "no files"}, status=400)
    proc = await asyncio.create_subprocess_exec(
        "tar", "czf", "/tmp/export.tgz", "-C", "/srv/exports", "--", *names,
        stdout=asyncio.subprocess.PIPE,
    )
    await proc.communicate()
    return web.json_response({"archive": "/tmp/export.tgz", "code": proc.returncode})
