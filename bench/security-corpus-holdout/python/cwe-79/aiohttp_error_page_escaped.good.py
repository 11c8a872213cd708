import html
from aiohttp import web


async def not_found_page(request: web.Request) -> web.Response:
    path = request.query.get("path", request.path)
    body = (
        "<html><head><title>Not found</title></head><body>"
        "<h1>Page not found</h1>"
        "<p>The page <code>" + html.escape(path, quote=True) + "</code> does not exist.</p>"
        "</body></html>"
    )
    return web.Response(text=body, content_type="text/html", status=404)
