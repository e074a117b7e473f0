from flask import Flask, request, redirect, session

app = Flask(__name__)


@app.post("/login")
def login():
    session["user"] = request.form["user"]
    target = request.args.get("next", "/")
    return redirect(target)
