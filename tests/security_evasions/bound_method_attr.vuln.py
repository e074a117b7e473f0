import sqlite3


class Store:
    def __init__(self, path="app.db"):
        self.conn = sqlite3.connect(path)
        self.query = self.conn.execute  # shorthand

    def find(self, name):
        return self.query("SELECT id FROM users WHERE name = '" + name + "'").fetchall()


if __name__ == "__main__":
    print(Store().find(input("name: ")))
