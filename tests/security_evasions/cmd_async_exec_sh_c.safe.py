"""Async network diagnostics API: ping a host and return the output."""
import asyncio

from fastapi import FastAPI, HTTPException

app = FastAPI()


async def run_ping(host: str, count: int = 3) -> str:
    proc = await asyncio.create_subprocess_exec(
        "ping", "-c", str(count), "-W", "2", "--", host,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=15)
    return out.decode(errors="replace")


@app.get("/diag/ping")
async def ping(host: str):
    if not host:
        raise HTTPException(status_code=400, detail="host required")
    return {"output": await run_ping(host)}
