import re
from flask import Flask, request

app = Flask(__name__)


@app.post("/signup")
def signup():
    name = request.form.get("name", "")
    ok = re.fullmatch(r"[a-zA-Z]+(?: [a-zA-Z]+)*", name)
    return {"valid": bool(ok)}
