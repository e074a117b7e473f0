"""aiohttp handler returning the contents of a user's saved snippet."""
import os

import aiofiles
from aiohttp import web

SNIPPET_DIR = "/var/lib/snippets"


async def get_snippet(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    path = os.path.join(SNIPPET_DIR, name)
    try:
        async with aiofiles.open(path, mode="r", encoding="utf-8") as f:
            content = await f.read()
    except FileNotFoundError:
        raise web.HTTPNotFound()
    return web.Response(text=content, content_type="text/plain")


app = web.Application()
app.router.add_get("/snippets/{name}", get_snippet)

if __name__ == "__main__":
    web.run_app(app)
