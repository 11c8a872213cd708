import asyncio
from aiohttp import web


async def archive(request: web.Request) -> web.Response:
    data = await request.json()
    names = data.get("files", [])
    parts = []
    for n in names:
        parts.append(f"'{n}'")
    cmd = "tar czf /tmp/export.tgz -C /srv/exports " + " ".join(parts)
    proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)
    await proc.communicate()
    return web.json_response({"archive": "/tmp/export.tgz", "code": proc.returncode})
