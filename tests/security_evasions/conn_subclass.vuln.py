import sqlite3


class Database(sqlite3.Connection):
    """A connection that returns rows as dicts."""

    def __init__(self, path):
        super().__init__(path)
        self.row_factory = sqlite3.Row


def find_user(name):
    db = Database("app.db")
    rows = db.execute("SELECT id, email FROM users WHERE name = '" + name + "'").fetchall()
    return [dict(r) for r in rows]


if __name__ == "__main__":
    print(find_user(input("name: ")))
