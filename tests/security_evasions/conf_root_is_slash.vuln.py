"""Read-only file browser for the support team; SHARE_ROOT comes from the settings dict."""
import os
from pathlib import Path

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SETTINGS = {"share_root": Path(os.sep), "max_bytes": 65536}


def open_shared(root: Path, rel: str) -> bytes:
    root = root.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(root):
        raise PermissionError(rel)
    with open(target, "rb") as fh:
        return fh.read(SETTINGS["max_bytes"])


@app.get("/browse")
def browse():
    try:
        data = open_shared(SETTINGS["share_root"], request.args.get("path", ""))
    except (PermissionError, IsADirectoryError, FileNotFoundError):
        abort(404)
    return jsonify(size=len(data), head=data[:64].hex())
