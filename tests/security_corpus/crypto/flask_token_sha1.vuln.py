import hashlib
import hmac
import os
from flask import Flask, request, abort

app = Flask(__name__)
WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


@app.post("/hook")
def hook():
    sent = request.headers.get("X-Signature", "")
    expected = hmac.new(WEBHOOK_KEY, request.data, hashlib.sha1).hexdigest()
    if not hmac.compare_digest(sent, expected):
        abort(403)
    return "ok"
