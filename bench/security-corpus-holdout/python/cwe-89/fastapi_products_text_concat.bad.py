from fastapi import FastAPI, Query
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://catalog@db/inventory")


@app.get("/products")
async def list_products(category: str = Query(...), min_price: str = Query("0")):
    clauses = ["category = '" + category + "'"]
    if min_price:
        clauses.append("price >= " + min_price)
    sql = "SELECT id, title, price FROM products WHERE " + " AND ".join(clauses)
    async with engine.connect() as conn:
        result = await conn.execute(text(sql))
        return [dict(row._mapping) for row in result]
