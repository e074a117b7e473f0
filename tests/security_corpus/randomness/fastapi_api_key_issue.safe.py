import secrets
import string
from fastapi import FastAPI

app = FastAPI()
KEYS: set[str] = set()


@app.post("/keys")
def issue_key() -> dict:
    rng = secrets.SystemRandom()
    key = "".join(rng.choice(string.hexdigits) for _ in range(40))
    KEYS.add(key)
    return {"api_key": key}
