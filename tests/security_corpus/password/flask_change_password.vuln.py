import hashlib
import sqlite3
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/password")
def change_password():
    new_password = request.form["new_password"]
    hashed = hashlib.md5(new_password.encode()).hexdigest()
    with sqlite3.connect("app.db") as db:
        db.execute("UPDATE users SET pw = ? WHERE id = ?", (hashed, session["uid"]))
    return {"changed": True}
