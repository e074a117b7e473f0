from flask import Flask, request, Response
import re

app = Flask(__name__)


def with_version(resp: Response, version: str) -> Response:
    resp.headers["X-Api-Version"] = version
    return resp


@app.get("/status")
def status():
    return with_version(Response("up"), request.headers.get("Accept-Version", "1"))
