"""Per-user scratch space: each user gets a directory named after them."""
import os

from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
SCRATCH_ROOT = os.path.realpath("/srv/scratch")


@app.post("/scratch/<path:name>")
def write_scratch(name: str):
    user_dir = os.path.join(SCRATCH_ROOT, secure_filename(request.headers.get("X-User", "anon")) or "anon")
    os.makedirs(user_dir, exist_ok=True)
    target = os.path.realpath(os.path.join(user_dir, name))
    if not target.startswith(user_dir + os.sep):
        abort(403)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(request.get_data())
    return {"saved": name}
