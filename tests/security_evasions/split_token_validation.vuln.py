import sqlite3


def lookup(ids):
    for part in ids.split(" "):
        if not part.isalnum():
            raise ValueError("bad id")
    conn = sqlite3.connect("app.db")
    return conn.execute("SELECT name FROM items WHERE id = " + ids).fetchall()
