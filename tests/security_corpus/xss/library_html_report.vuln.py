import html
from dataclasses import dataclass


@dataclass
class Row:
    name: str
    score: int


def render_table(rows: list[Row]) -> str:
    cells = []
    for row in rows:
        cells.append(f"<tr><td>{row.name}</td><td>{row.score}</td></tr>")
    return "<table>" + "".join(cells) + "</table>"


if __name__ == "__main__":
    print(render_table([Row("ann", 3)]))
