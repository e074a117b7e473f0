from flask import Flask, request, make_response

app = Flask(__name__)


@app.get("/go")
def go():
    dest = request.args.get("u", "/")
    resp = make_response("", 302)
    resp.headers["Location"] = dest
    return resp
