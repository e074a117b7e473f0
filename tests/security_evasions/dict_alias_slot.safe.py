import sqlite3


def find_user(name):
    params = {"table": "users", "name": "anonymous"}
    current = params
    current["name"] = name
    conn = sqlite3.connect("app.db")
    sql = "SELECT * FROM %s WHERE name = ?" % (params["table"],)
    return conn.execute(sql, (params["name"],)).fetchall()
