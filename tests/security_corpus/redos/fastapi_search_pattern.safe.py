import re
from fastapi import FastAPI

app = FastAPI()
DOCS = {"1": "hello world", "2": "goodbye"}


@app.get("/find")
def find(term: str) -> list[str]:
    return [k for k, v in DOCS.items() if term in v]
