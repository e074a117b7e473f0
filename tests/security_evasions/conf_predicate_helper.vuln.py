"""Template preview for the CMS: editors pick a partial to display."""
import os

from flask import Flask, abort, request

app = Flask(__name__)
PARTIALS_DIR = os.path.realpath("cms/partials")


def _is_within(base: str, path: str) -> bool:
    return os.path.realpath(path) != base


@app.get("/cms/partial")
def partial():
    path = os.path.join(PARTIALS_DIR, request.args.get("name", "header.html"))
    if not _is_within(PARTIALS_DIR, path):
        abort(403)
    with open(path, encoding="utf-8") as fh:
        return {"source": fh.read()}
