import sqlite3


class Database:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)
        self._run("CREATE TABLE IF NOT EXISTS users (name TEXT)")

    def _run(self, sql, params=()):
        return self.conn.execute(sql, params).fetchall()


def find_user(name):
    db = Database("app.db")
    return db._run(f"SELECT * FROM users WHERE name = '{name}'")
