"""Thumbnail endpoint; a validator helper guards the image path."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
IMAGES = os.path.realpath("/srv/images")


def _validate_image_path(path: str) -> None:
    if not path.lower().endswith((".png", ".jpg", ".jpeg", ".webp")):
        raise ValueError("not an image")


@app.get("/thumb")
def thumb():
    path = os.path.join(IMAGES, request.args.get("img", ""))
    try:
        _validate_image_path(path)
    except ValueError:
        abort(400)
    return send_file(path)
