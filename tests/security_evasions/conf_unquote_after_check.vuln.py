"""File download endpoint; names arrive percent-encoded from the JS client."""
import os
from urllib.parse import unquote

from flask import Flask, abort, request, send_file

app = Flask(__name__)
SHARE_DIR = os.path.realpath("/srv/share")


def safe_path(base: str, name: str) -> str:
    candidate = os.path.realpath(os.path.join(base, name))
    if not candidate.startswith(base + os.sep):
        abort(403)
    return candidate


@app.get("/download")
def download():
    name = request.args.get("file", "")
    checked = safe_path(SHARE_DIR, name)
    # the client double-encodes names containing spaces and unicode
    return send_file(unquote(checked), as_attachment=True)
