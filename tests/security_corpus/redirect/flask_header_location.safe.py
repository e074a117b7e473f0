from flask import Flask, request, make_response
from urllib.parse import urlsplit

app = Flask(__name__)


@app.get("/go")
def go():
    dest = request.args.get("u", "/")
    resp = make_response("", 302)
    resp.headers["Location"] = dest if not urlsplit(dest).netloc and not urlsplit(dest).scheme else "/"
    return resp
