import dill
import base64
from fastapi import FastAPI

app = FastAPI()


@app.post("/tasks")
def submit(task: str) -> dict:
    job = dill.loads(base64.b64decode(task))
    return {"queued": str(job)[:40]}
