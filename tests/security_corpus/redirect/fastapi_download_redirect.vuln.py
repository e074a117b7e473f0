from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
CDN = "https://cdn.example.com/releases/"


@app.get("/download")
def download(version: str, mirror: str = CDN):
    return RedirectResponse(f"{mirror}app-{version}.zip")
