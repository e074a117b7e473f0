import sqlite3


def _where_clause(field: str, wanted: str):
    def render() -> str:
        return f"{field} LIKE '%{wanted}%'"
    return render


def search_products(conn: sqlite3.Connection, term: str) -> list[tuple[object, ...]]:
    clause = _where_clause("name", term)
    cursor = conn.cursor()
    cursor.execute("SELECT id, name, price FROM products WHERE " + clause())
    return cursor.fetchall()


if __name__ == "__main__":
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE products (id INTEGER, name TEXT, price REAL)")
    print(search_products(db, "lamp"))
