"""Serve user-uploaded avatars."""
import os

from flask import Flask, abort, send_file
from werkzeug.security import safe_join

app = Flask(__name__)
app.config["AVATAR_DIR"] = "/srv/avatars"


@app.get("/avatars/<path:filename>")
def avatar(filename: str):
    path = safe_join(app.config["AVATAR_DIR"], filename)
    if path is None or not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype="image/png")
