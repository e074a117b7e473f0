from fastapi import FastAPI, Cookie
from fastapi.responses import RedirectResponse

app = FastAPI()
HOME = "/"


@app.get("/resume")
def resume(last_page: str = Cookie(default="/")):
    return RedirectResponse(last_page if last_page.startswith("/") and not last_page.startswith("//") and "\\" not in last_page else HOME)
