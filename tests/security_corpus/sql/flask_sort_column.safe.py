import sqlite3
from flask import Flask, request

app = Flask(__name__)
SORTABLE = {"name", "created", "price"}


@app.get("/items")
def list_items():
    order = request.args.get("sort", "name")
    if order not in SORTABLE:
        order = "name"
    with sqlite3.connect("items.db") as db:
        rows = db.execute(f"SELECT name, price FROM items ORDER BY {order}").fetchall()
    return {"items": rows}
