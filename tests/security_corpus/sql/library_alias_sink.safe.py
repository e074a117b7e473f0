import sqlite3

_conn = sqlite3.connect("audit.db")
run = _conn.execute


def events_since(actor: str, since: str):
    """Events of one actor after a timestamp, newest first."""
    return run("SELECT * FROM events WHERE actor = ? AND ts > ? ORDER BY ts DESC", (actor, since)).fetchall()


if __name__ == "__main__":
    print(events_since("alice", "2024-01-01"))
