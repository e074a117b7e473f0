import sqlite3


def _where_clause(field: str, wanted: str):
    def render() -> tuple[str, tuple[str]]:
        return f"{field} LIKE ?", (f"%{wanted}%",)
    return render


def search_products(conn: sqlite3.Connection, term: str) -> list[tuple[object, ...]]:
    clause, params = _where_clause("name", term)()
    cursor = conn.cursor()
    cursor.execute("SELECT id, name, price FROM products WHERE " + clause, params)
    return cursor.fetchall()


if __name__ == "__main__":
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE products (id INTEGER, name TEXT, price REAL)")
    print(search_products(db, "lamp"))
