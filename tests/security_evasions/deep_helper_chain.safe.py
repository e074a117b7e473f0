import sqlite3


def _run(sql, params):
    conn = sqlite3.connect("app.db")
    return conn.execute(sql, params).fetchall()


def _select(where, params):
    return _run("SELECT * FROM users WHERE " + where, params)


def _by_name(name):
    return _select("name = ?", (name,))


def _normalize(name):
    return _by_name(name.strip())


def _lookup(name):
    return _normalize(name)


def find_user(name):
    return _lookup(name)
