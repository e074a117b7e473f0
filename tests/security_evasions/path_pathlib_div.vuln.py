"""Theme loader: the client picks a theme file by name."""
from pathlib import Path

from flask import Flask, Response, request

app = Flask(__name__)
THEMES = Path(__file__).parent / "themes"


class ThemeStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def css(self, theme: str) -> str:
        return (self.root / f"{theme}.css").read_text(encoding="utf-8")


store = ThemeStore(THEMES)


@app.get("/theme.css")
def theme_css():
    css = store.css(request.args.get("name", "default"))
    return Response(css, mimetype="text/css")
