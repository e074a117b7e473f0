import functools
import sqlite3
import sys


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("running", fn.__name__, file=sys.stderr)
        return fn(*args, **kwargs)
    return wrapper


@logged
def lookup(cur: sqlite3.Cursor, product: str):
    cur.execute("SELECT name, price FROM products WHERE name LIKE ?", ("%" + product + "%",))
    return cur.fetchall()


if __name__ == "__main__":
    connection = sqlite3.connect("program_database.db")
    term = sys.stdin.readline().strip()
    for row in lookup(connection.cursor(), term):
        print(row)
