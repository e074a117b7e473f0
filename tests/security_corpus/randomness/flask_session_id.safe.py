import secrets
from flask import Flask, make_response

app = Flask(__name__)
SESSIONS: dict[str, str] = {}


@app.post("/login")
def login():
    sid = secrets.token_hex(16)
    SESSIONS[sid] = "user"
    resp = make_response("ok")
    resp.set_cookie("sid", sid, httponly=True, secure=True)
    return resp
