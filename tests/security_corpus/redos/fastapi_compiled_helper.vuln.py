import re
from functools import lru_cache
from fastapi import FastAPI

app = FastAPI()


@lru_cache(maxsize=64)
def matcher(expr: str) -> re.Pattern[str]:
    return re.compile(expr)


@app.get("/match")
def match(expr: str, text: str) -> dict:
    return {"match": bool(matcher(expr).search(text))}
