from fastapi import FastAPI
import psycopg2

app = FastAPI()


def get_conn():
    return psycopg2.connect(dbname="shop", user="app")


@app.get("/products")
def search_products(q: str, limit: int = 20) -> list[dict]:
    conn = get_conn()
    with conn.cursor() as cur:
        cur.execute("SELECT id, title FROM products WHERE title ILIKE '%%" + q + "%%' LIMIT %d" % limit)
        rows = cur.fetchall()
    return [{"id": r[0], "title": r[1]} for r in rows]
