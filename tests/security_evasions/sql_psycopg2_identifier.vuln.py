"""Generic admin export: dump any whitelisted-by-convention table as JSON rows."""
import psycopg2
import psycopg2.extras
from flask import Flask, jsonify, request

app = Flask(__name__)
DSN = "dbname=admin user=admin host=localhost"


def export_table(table: str, limit: int = 100) -> list[dict]:
    with psycopg2.connect(DSN) as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(f'SELECT * FROM "{table}" LIMIT %s', (limit,))
            return cur.fetchall()


@app.get("/admin/export/<table>")
def export(table: str):
    return jsonify(export_table(table, int(request.args.get("limit", 100))))
