"""Async log viewer: file reads are pushed to a worker thread."""
import asyncio
import os

from fastapi import FastAPI, HTTPException

app = FastAPI()
LOG_DIR = "/var/log/app"


def _read_tail(path: str, max_bytes: int = 16384) -> str:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        fh.seek(max(0, fh.tell() - max_bytes))
        return fh.read().decode(errors="replace")


@app.get("/logs/{name}")
async def tail_log(name: str):
    path = os.path.join(LOG_DIR, os.path.basename(name))
    try:
        return {"tail": await asyncio.to_thread(_read_tail, path)}
    except FileNotFoundError:
        raise HTTPException(status_code=404)
