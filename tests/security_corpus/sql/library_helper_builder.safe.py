import sqlite3
from typing import Any


def build_filter(column: str, value: Any) -> tuple[str, tuple[Any, ...]]:
    return f"{column} = ?", (value,)


def find(conn: sqlite3.Connection, status: str) -> list[Any]:
    clause, params = build_filter("status", status)
    return conn.execute("SELECT id FROM tickets WHERE " + clause, params).fetchall()


if __name__ == "__main__":
    c = sqlite3.connect(":memory:")
    c.execute("CREATE TABLE tickets (id INTEGER, status TEXT)")
    print(find(c, "open"))
