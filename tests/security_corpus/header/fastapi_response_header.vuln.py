from fastapi import FastAPI, Response

app = FastAPI()


@app.get("/echo")
def echo(client_id: str, response: Response) -> dict:
    response.headers["X-Client"] = client_id
    return {"ok": True}
