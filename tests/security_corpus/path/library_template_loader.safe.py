from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def load_template(name: str) -> str:
    path = (TEMPLATES / name).resolve()
    if not path.is_relative_to(TEMPLATES.resolve()):
        raise PermissionError(name)
    return path.read_text(encoding="utf-8")


if __name__ == "__main__":
    print(load_template("index.html"))
