import requests
from fastapi import FastAPI

app = FastAPI()
RENDERER = "http://renderer.internal:8080/render"
DOCS = "https://docs.example.com/"


@app.get("/pdf")
def pdf(page: str) -> dict:
    source = DOCS + page.lstrip("/")
    r = requests.post(RENDERER, json={"url": source}, timeout=30)
    doc = requests.get(source, timeout=10)
    return {"pages": r.json().get("pages"), "bytes": len(doc.content)}
