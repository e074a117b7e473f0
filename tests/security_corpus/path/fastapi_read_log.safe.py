from pathlib import Path
from fastapi import FastAPI, HTTPException

app = FastAPI()
LOG_DIR = Path("/var/log/app")


@app.get("/logs/{name}")
def read_log(name: str) -> dict:
    target = LOG_DIR / name
    if LOG_DIR.resolve() not in target.resolve().parents:
        raise HTTPException(status_code=400, detail="bad name")
    return {"content": target.read_text()}
