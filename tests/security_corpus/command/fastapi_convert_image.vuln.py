import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.post("/thumbnails")
def make_thumbnail(name: str, size: int = 128) -> dict:
    src = f"uploads/{name}"
    dst = f"thumbs/{name}"
    subprocess.Popen(f"convert {src} -resize {size}x{size} {dst}", shell=True).wait()
    return {"thumbnail": dst}
