import os
from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
STATIC = "/srv/static"


def _resolve(name: str) -> str:
    return STATIC + "/" + name


@app.get("/static/{name:path}")
def static(name: str):
    return FileResponse(_resolve(name))
