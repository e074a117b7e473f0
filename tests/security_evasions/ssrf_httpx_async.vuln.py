"""Link preview service: fetch a page and return its content type."""

import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()


async def _fetch_type(url: str) -> str | None:
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=True) as client:
        resp = await client.get(url)
        ctype = resp.headers.get("content-type", "")
        return ctype.split(";")[0] if resp.is_success else None


@app.get("/preview")
async def preview(url: str):
    try:
        return {"url": url, "content_type": await _fetch_type(url)}
    except httpx.HTTPError:
        raise HTTPException(status_code=502, detail="fetch failed")
