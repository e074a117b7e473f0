import requests
from flask import Flask, request
from urllib.parse import urlparse

app = Flask(__name__)
PREVIEW_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/preview")
def preview():
    url = request.args["url"]
    if urlparse(url).hostname not in PREVIEW_HOSTS:
        return {"error": "host not allowed"}, 400
    resp = requests.get(url, timeout=5)
    return {"status": resp.status_code, "length": len(resp.content)}
