import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.post("/register")
def register():
    username = request.form["username"]
    password = request.form["password"]
    with sqlite3.connect("users.db") as db:
        db.execute("INSERT INTO users (name, password) VALUES (?, ?)", (username, password))
    return {"created": username}
