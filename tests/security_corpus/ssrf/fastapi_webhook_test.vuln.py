import httpx
from fastapi import FastAPI, HTTPException
from urllib.parse import urlparse

app = FastAPI()
ALLOWED_SCHEMES = {"https"}
ALLOWED_HOSTS = {"hooks.slack.com", "discord.com"}


@app.post("/webhooks/test")
async def test_webhook(target: str) -> dict:
    parsed = urlparse(target)
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise HTTPException(400, "invalid target")
    async with httpx.AsyncClient() as client:
        r = await client.post(target, json={"text": "ping"})
    return {"status": r.status_code}
