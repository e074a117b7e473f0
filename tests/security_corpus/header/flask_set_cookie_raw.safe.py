from flask import Flask, request, make_response
from urllib.parse import quote

app = Flask(__name__)


@app.post("/theme")
def theme():
    value = request.form.get("theme", "light")
    resp = make_response("saved")
    resp.headers.add("Set-Cookie", "theme=" + quote(value, safe="") + "; Path=/")
    return resp
