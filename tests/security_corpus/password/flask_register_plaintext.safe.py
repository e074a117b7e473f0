import sqlite3
from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)


@app.post("/register")
def register():
    username = request.form["username"]
    password = request.form["password"]
    with sqlite3.connect("users.db") as db:
        db.execute("INSERT INTO users (name, password) VALUES (?, ?)", (username, generate_password_hash(password)))
    return {"created": username}
