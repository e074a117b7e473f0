"""Theme loader: the client picks a theme file by name."""
from pathlib import Path

from flask import Flask, Response, abort, request

app = Flask(__name__)
THEMES = (Path(__file__).parent / "themes").resolve()


class ThemeStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def css(self, theme: str) -> str:
        target = (self.root / f"{theme}.css").resolve()
        if self.root not in target.parents:
            raise PermissionError(theme)
        return target.read_text(encoding="utf-8")


store = ThemeStore(THEMES)


@app.get("/theme.css")
def theme_css():
    try:
        css = store.css(request.args.get("name", "default"))
    except PermissionError:
        abort(404)
    return Response(css, mimetype="text/css")
