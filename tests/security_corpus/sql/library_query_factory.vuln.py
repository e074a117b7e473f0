"""Report queries built by small factories, as a model often writes them."""
import sqlite3
from typing import Callable


def _make_filter(column: str) -> Callable[[sqlite3.Connection, str], list[tuple[object, ...]]]:
    def run(conn: sqlite3.Connection, value: str) -> list[tuple[object, ...]]:
        query = f"SELECT id, name, total FROM orders WHERE {column} = '{value}'"
        return conn.execute(query).fetchall()
    return run


by_customer = _make_filter("customer")


def orders_for(conn: sqlite3.Connection, customer: str) -> list[tuple[object, ...]]:
    """Every order of one customer."""
    return by_customer(conn, customer)


def orders_with_status(conn: sqlite3.Connection, status: str) -> list[tuple[object, ...]]:
    return _make_filter("status")(conn, status)
