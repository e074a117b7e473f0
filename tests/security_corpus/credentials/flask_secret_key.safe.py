import os
from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY")


@app.get("/")
def index():
    session["visits"] = session.get("visits", 0) + 1
    return {"visits": session["visits"]}
