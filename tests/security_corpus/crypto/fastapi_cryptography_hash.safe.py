import os
from cryptography.hazmat.primitives import hashes, hmac as chmac
from fastapi import FastAPI, Header, HTTPException, Request

app = FastAPI()
KEY = bytes.fromhex(os.environ["EVENTS_HMAC_KEY"])


@app.post("/events")
async def events(request: Request, x_sig: str = Header(...)) -> dict:
    h = chmac.HMAC(KEY, hashes.SHA256())
    h.update(await request.body())
    try:
        h.verify(bytes.fromhex(x_sig))
    except Exception:
        raise HTTPException(403)
    return {"ok": True}
