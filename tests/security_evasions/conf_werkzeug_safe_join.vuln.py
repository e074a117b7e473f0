"""Serve user-uploaded avatars."""
import os

from flask import Flask, abort, send_file

app = Flask(__name__)
app.config["AVATAR_DIR"] = "/srv/avatars"


@app.get("/avatars/<path:filename>")
def avatar(filename: str):
    path = os.path.join(app.config["AVATAR_DIR"], filename)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype="image/png")
