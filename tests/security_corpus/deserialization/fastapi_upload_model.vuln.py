import pickle
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/models")
async def upload_model(file: UploadFile) -> dict:
    raw = await file.read()
    model = pickle.loads(raw)
    return {"type": type(model).__name__}
