import tarfile
from flask import Flask, request

app = Flask(__name__)


@app.post("/themes")
def upload_theme():
    archive = tarfile.open(fileobj=request.files["theme"].stream, mode="r:*")
    archive.extractall("/srv/themes")
    archive.close()
    return {"installed": True}
