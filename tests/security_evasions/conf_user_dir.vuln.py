"""Per-user scratch space: each user gets a directory named after them."""
import os

from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
SCRATCH_ROOT = os.path.realpath("/srv/scratch")


@app.post("/scratch/<path:name>")
def write_scratch(name: str):
    user_dir = os.path.join(SCRATCH_ROOT, request.headers.get("X-User", "anon"))
    os.makedirs(user_dir, exist_ok=True)
    target = os.path.join(user_dir, secure_filename(name))
    with open(target, "wb") as fh:
        fh.write(request.get_data())
    return {"saved": name}
