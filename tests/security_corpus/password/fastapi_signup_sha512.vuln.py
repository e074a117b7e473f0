import hashlib
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
STORE: dict[str, str] = {}


class Signup(BaseModel):
    username: str
    password: str


@app.post("/signup")
def signup(body: Signup) -> dict:
    STORE[body.username] = hashlib.sha512(body.password.encode()).hexdigest()
    return {"ok": True}
