"""Accept fine-tuned adapter weights from users and report their shapes."""
import io

import torch
from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/adapters/inspect")
async def inspect_adapter(file: UploadFile = File(...)):
    buffer = io.BytesIO(await file.read())
    state = torch.load(buffer, map_location="cpu", weights_only=True)
    return {name: list(t.shape) for name, t in state.items()}
