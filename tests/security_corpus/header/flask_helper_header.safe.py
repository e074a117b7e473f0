from flask import Flask, request, Response
import re

app = Flask(__name__)
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")


def with_version(resp: Response, version: str) -> Response:
    resp.headers["X-Api-Version"] = version if _TOKEN.fullmatch(version) else "unknown"
    return resp


@app.get("/status")
def status():
    return with_version(Response("up"), request.headers.get("Accept-Version", "1"))
