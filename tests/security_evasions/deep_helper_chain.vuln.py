import sqlite3


def _run(sql):
    conn = sqlite3.connect("app.db")
    return conn.execute(sql).fetchall()


def _select(where):
    return _run("SELECT * FROM users WHERE " + where)


def _by_name(name):
    return _select(f"name = '{name}'")


def _normalize(name):
    return _by_name(name.strip())


def _lookup(name):
    return _normalize(name)


def find_user(name):
    return _lookup(name)
