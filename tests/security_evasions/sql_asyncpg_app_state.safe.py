"""FastAPI inventory API; the asyncpg pool lives on app.state."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

DSN = "postgresql://inventory@localhost/inventory"


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool(DSN, min_size=1, max_size=5)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/items")
async def list_items(request: Request, category: str = "all"):
    pool = request.app.state.pool
    async with pool.acquire() as conn:
        if category == "all":
            rows = await conn.fetch("SELECT sku, name, qty FROM items")
        else:
            rows = await conn.fetch("SELECT sku, name, qty FROM items WHERE category = $1", category)
    return [dict(r) for r in rows]
