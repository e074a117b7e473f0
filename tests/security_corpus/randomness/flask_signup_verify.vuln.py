from random import choice
from flask import Flask, request

app = Flask(__name__)
PENDING: dict[str, str] = {}


@app.post("/signup")
def signup():
    email = request.form["email"]
    verification = "".join(choice("0123456789abcdef") for _ in range(24))
    PENDING[verification] = email
    return {"sent": True}
