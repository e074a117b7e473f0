"""Export job results written by background workers."""
import os

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()
RESULTS_DIR = os.path.abspath("results")


@app.get("/jobs/{job_id}/result", response_class=PlainTextResponse)
def job_result(job_id: str, part: str = "output.txt"):
    path = os.path.normpath(os.path.join(RESULTS_DIR, job_id, part))
    rel = os.path.relpath(path, RESULTS_DIR)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        raise HTTPException(403)
    if not os.path.exists(path):
        raise HTTPException(404)
    with open(path, encoding="utf-8") as fh:
        return fh.read()
