"""Parse uploaded GPX tracks and return the total number of track points."""
from lxml import objectify
from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/gpx/points")
async def count_points(upload: UploadFile = File(...)):
    data = await upload.read()
    root = objectify.fromstring(data)
    points = root.findall(".//{http://www.topografix.com/GPX/1/1}trkpt")
    return {"points": len(points)}
