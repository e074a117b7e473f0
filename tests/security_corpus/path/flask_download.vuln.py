import os
from flask import Flask, request, send_file, abort

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/download")
def download():
    name = request.args.get("file", "")
    path = os.path.join(BASE, name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path)
