from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
RETURN_PATHS = {"/dashboard", "/settings", "/billing"}


@app.get("/oauth/callback")
def callback(code: str, state: str = "/dashboard"):
    return RedirectResponse(url=state if state in RETURN_PATHS else "/dashboard")
