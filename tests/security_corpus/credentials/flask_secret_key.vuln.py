import os
from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "d8f7a6c5b4e3d2c1f0a9b8c7d6e5f4a3"


@app.get("/")
def index():
    session["visits"] = session.get("visits", 0) + 1
    return {"visits": session["visits"]}
