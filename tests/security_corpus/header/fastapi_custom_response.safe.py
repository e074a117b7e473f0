from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/hello")
def hello(name: str):
    return PlainTextResponse("hello", headers={"X-Greeting-For": name.encode("ascii", "ignore").decode().replace("\r", "").replace("\n", "")})
