from fastapi import FastAPI, UploadFile
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=True, load_dtd=True)

app = FastAPI()


@app.post("/icons")
async def upload_icon(icon: UploadFile) -> dict:
    svg = etree.parse(icon.file, PARSER)
    return {"width": svg.getroot().get("width")}
