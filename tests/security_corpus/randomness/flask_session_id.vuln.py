import random
from flask import Flask, make_response

app = Flask(__name__)
SESSIONS: dict[str, str] = {}


@app.post("/login")
def login():
    sid = "%032x" % random.getrandbits(128)
    SESSIONS[sid] = "user"
    resp = make_response("ok")
    resp.set_cookie("sid", sid, httponly=True, secure=True)
    return resp
