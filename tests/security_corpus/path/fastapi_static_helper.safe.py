import os
from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
STATIC = "/srv/static"


def _resolve(name: str) -> str:
    candidate = os.path.normpath(os.path.join(STATIC, name))
    if not candidate.startswith(STATIC + os.sep):
        raise ValueError("outside static root")
    return candidate


@app.get("/static/{name:path}")
def static(name: str):
    return FileResponse(_resolve(name))
