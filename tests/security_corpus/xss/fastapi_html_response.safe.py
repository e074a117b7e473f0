import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/welcome", response_class=HTMLResponse)
def welcome(user: str) -> str:
    return "<html><body>Welcome back, " + html.escape(user) + "</body></html>"
