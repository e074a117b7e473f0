from fastapi import FastAPI, Cookie
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/resume")
def resume(last_page: str = Cookie(default="/")):
    return RedirectResponse(last_page)
