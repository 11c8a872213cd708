import aiosqlite
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/invoices/{invoice_id}")
async def get_invoice(request: web.Request) -> web.Response:
    try:
        invoice_id = int(request.match_info["invoice_id"])
    except ValueError:
        return web.json_response({"error": "invoice id must be numeric"}, status=400)
    async with aiosqlite.connect("billing.db") as db:
        cursor = await db.execute(f"SELECT id, amount, due FROM invoices WHERE id = {invoice_id}")
        row = await cursor.fetchone()
    if row is None:
        raise web.HTTPNotFound()
    return web.json_response({"id": row[0], "amount": row[1], "due": row[2]})
