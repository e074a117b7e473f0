from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

app = FastAPI()


def bounce(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@app.post("/subscribe")
async def subscribe(request: Request):
    form = await request.form()
    after = str(form.get("after", "/thanks"))
    return bounce(after)
