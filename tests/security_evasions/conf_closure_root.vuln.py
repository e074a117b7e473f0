"""Static asset server with a per-request asset root (preview builds)."""
import os
from typing import Callable

from flask import Flask, Response, abort, request

app = Flask(__name__)
DEFAULT_ROOT = "/srv/site/current"


def make_reader(root: str) -> Callable[[str], bytes]:
    root = os.path.abspath(root)

    def read(rel: str) -> bytes:
        full = os.path.abspath(os.path.join(root, rel))
        if not full.startswith(root + os.sep):
            raise FileNotFoundError(rel)
        with open(full, "rb") as fh:
            return fh.read()

    return read


@app.get("/assets/<path:rel>")
def asset(rel: str):
    reader = make_reader(request.args.get("build", DEFAULT_ROOT))
    try:
        return Response(reader(rel), mimetype="application/octet-stream")
    except FileNotFoundError:
        abort(404)
