import random
import string
from fastapi import FastAPI

app = FastAPI()
KEYS: set[str] = set()


@app.post("/keys")
def issue_key() -> dict:
    rng = random.Random()
    key = "".join(rng.choice(string.hexdigits) for _ in range(40))
    KEYS.add(key)
    return {"api_key": key}
