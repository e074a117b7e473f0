from flask import Flask, request, redirect, session
from urllib.parse import urlparse

app = Flask(__name__)


@app.post("/login")
def login():
    session["user"] = request.form["user"]
    target = request.args.get("next", "/")
    if urlparse(target).netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    return redirect(target)
