"""Markdown notes API backed by a directory tree."""
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()
NOTES_ROOT = Path("/srv/notes")


class NoteStore:
    def __init__(self, root: Path) -> None:
        self.root = root.absolute()

    def resolve(self, rel: str) -> Path:
        target = (self.root / rel).absolute()
        if not target.is_relative_to(self.root):
            raise HTTPException(status_code=403, detail="outside notes root")
        return target

    def read(self, rel: str) -> str:
        return self.resolve(rel).read_text(encoding="utf-8")


store = NoteStore(NOTES_ROOT)


@app.get("/notes/{rel:path}", response_class=PlainTextResponse)
def read_note(rel: str) -> str:
    return store.read(rel)
