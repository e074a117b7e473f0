from pathlib import Path
from fastapi import FastAPI, HTTPException

app = FastAPI()
LOG_DIR = Path("/var/log/app")


@app.get("/logs/{name}")
def read_log(name: str) -> dict:
    target = LOG_DIR / name
    return {"content": target.read_text()}
