import sqlite3


def find_user(query):
    conn = sqlite3.connect("app.db")
    match query:
        case {"name": name}:
            return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
        case _:
            return []
