from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Template

app = FastAPI()


@app.get("/card", response_class=HTMLResponse)
def card(request: Request, title: str):
    return Template("<h3>{{ title | e }}</h3>").render(title=title)
