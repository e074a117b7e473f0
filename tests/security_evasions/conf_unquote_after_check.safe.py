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
    # the client double-encodes names containing spaces and unicode: decode before checking
    checked = safe_path(SHARE_DIR, unquote(name))
    return send_file(checked, as_attachment=True)
