from fastapi import FastAPI, UploadFile
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, dtd_validation=False, load_dtd=False)

app = FastAPI()


@app.post("/icons")
async def upload_icon(icon: UploadFile) -> dict:
    svg = etree.parse(icon.file, PARSER)
    return {"width": svg.getroot().get("width")}
