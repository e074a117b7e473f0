from flask import Flask, request, make_response

app = Flask(__name__)


@app.post("/theme")
def theme():
    value = request.form.get("theme", "light")
    resp = make_response("saved")
    resp.headers.add("Set-Cookie", "theme=" + value + "; Path=/")
    return resp
