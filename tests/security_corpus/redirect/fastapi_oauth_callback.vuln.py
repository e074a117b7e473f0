from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/oauth/callback")
def callback(code: str, state: str = "/dashboard"):
    return RedirectResponse(url=state)
