import hashlib
import os
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
STORE: dict[str, str] = {}


class Signup(BaseModel):
    username: str
    password: str


@app.post("/signup")
def signup(body: Signup) -> dict:
    salt = os.urandom(16)
    STORE[body.username] = salt.hex() + hashlib.pbkdf2_hmac("sha512", body.password.encode(), salt, 210_000).hex()
    return {"ok": True}
