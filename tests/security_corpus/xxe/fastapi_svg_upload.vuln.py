from fastapi import FastAPI, UploadFile
from lxml import etree

app = FastAPI()


@app.post("/icons")
async def upload_icon(icon: UploadFile) -> dict:
    svg = etree.parse(icon.file)
    return {"width": svg.getroot().get("width")}
