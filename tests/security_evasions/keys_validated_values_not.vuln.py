import sqlite3


def search(filters):
    for key in filters:
        if not key.isidentifier():
            raise ValueError("bad column")
    clause = " AND ".join(f"{k} = '{v}'" for k, v in filters.items())
    conn = sqlite3.connect("app.db")
    return conn.execute("SELECT * FROM users WHERE " + clause).fetchall()
