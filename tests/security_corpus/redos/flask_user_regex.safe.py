import re
from flask import Flask, request

app = Flask(__name__)
WORDS = ["alpha", "beta", "gamma"]


@app.get("/grep")
def grep():
    pattern = request.args.get("p", "")
    rx = re.compile(re.escape(pattern))
    return {"hits": [w for w in WORDS if rx.search(w)]}
