import hmac
import os
from fastapi import FastAPI, Header, HTTPException

app = FastAPI()
ADMIN_TOKEN = os.environ.get("ADMIN_TOKEN", "")


@app.delete("/cache")
def clear_cache(x_admin_token: str = Header(...)) -> dict:
    if not ADMIN_TOKEN or not hmac.compare_digest(x_admin_token, ADMIN_TOKEN):
        raise HTTPException(401)
    return {"cleared": True}
