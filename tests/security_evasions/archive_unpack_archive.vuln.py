"""Dataset upload: save the archive, then unpack it next to the other datasets."""
import os
import shutil
import tempfile

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
DATASETS = "/srv/datasets"


@app.post("/datasets")
def upload_dataset():
    f = request.files["archive"]
    name = secure_filename(f.filename or "dataset.tar.gz")
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.path.join(tmp, name)
        f.save(saved)
        dest = os.path.join(DATASETS, os.path.splitext(name)[0])
        shutil.unpack_archive(saved, dest)
    return jsonify(ok=True, dataset=os.path.basename(dest))
