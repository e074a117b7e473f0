import hashlib
import sqlite3
import os
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/password")
def change_password():
    new_password = request.form["new_password"]
    salt = os.urandom(16)
    hashed = salt.hex() + "$" + hashlib.pbkdf2_hmac("sha256", new_password.encode(), salt, 600_000).hex()
    with sqlite3.connect("app.db") as db:
        db.execute("UPDATE users SET pw = ? WHERE id = ?", (hashed, session["uid"]))
    return {"changed": True}
