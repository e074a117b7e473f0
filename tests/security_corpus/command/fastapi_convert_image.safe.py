import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.post("/thumbnails")
def make_thumbnail(name: str, size: int = 128) -> dict:
    src = f"uploads/{name}"
    dst = f"thumbs/{name}"
    subprocess.Popen(["convert", "--", src, "-resize", f"{size}x{size}", dst]).wait()
    return {"thumbnail": dst}
