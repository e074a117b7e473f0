import asyncpg
from fastapi import FastAPI

app = FastAPI()


@app.get("/messages/{room}")
async def messages(room: str):
    conn = await asyncpg.connect("postgresql://chat@localhost/chat")
    try:
        rows = await conn.fetch("SELECT author, body FROM messages WHERE room = $1", room)
    finally:
        await conn.close()
    return [dict(r) for r in rows]
