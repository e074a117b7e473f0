from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Transform(BaseModel):
    field: str
    factor: float


@app.post("/transform")
def transform(body: Transform) -> dict:
    data = {"price": 10.0, "tax": 2.0}
    if body.field not in data:
        return {"error": "unknown field"}
    data[body.field] = data[body.field] * float(body.factor)
    return data
