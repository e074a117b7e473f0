import sqlite3
from typing import Optional


class NoteRepository:
    """Small data-access layer for the notes table."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path)

    def by_tag(self, tag: str) -> list[tuple[int, str]]:
        cur = self.conn.cursor()
        cur.execute("SELECT id, body FROM notes WHERE tag = '%s' ORDER BY id" % tag)
        return cur.fetchall()

    def first(self, tag: str) -> Optional[str]:
        rows = self.by_tag(tag)
        return rows[0][1] if rows else None


if __name__ == "__main__":
    repo = NoteRepository(":memory:")
    repo.conn.execute("CREATE TABLE notes (id INTEGER, body TEXT, tag TEXT)")
    print(repo.first("work"))
