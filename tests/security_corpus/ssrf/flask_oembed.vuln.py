import requests
from flask import Flask, request, jsonify

app = Flask(__name__)
PROVIDERS = {"youtube": "https://www.youtube.com/oembed", "vimeo": "https://vimeo.com/api/oembed.json"}


@app.get("/embed")
def embed():
    provider = request.args.get("provider", "youtube")
    video = request.args.get("url", "")
    endpoint = request.args.get("endpoint") or PROVIDERS[provider]
    return jsonify(requests.get(endpoint, params={"url": video}, timeout=5).json())
