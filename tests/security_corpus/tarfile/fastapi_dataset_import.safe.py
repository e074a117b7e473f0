import io
import tarfile
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/datasets")
async def import_dataset(bundle: UploadFile) -> dict:
    data = await bundle.read()
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(path="/data/imports", filter="data")
        names = tar.getnames()
    return {"files": len(names)}
