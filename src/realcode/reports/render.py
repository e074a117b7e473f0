"""Renderings of a Table: Markdown, HTML, CSV and LaTeX (booktabs), and writing the exports."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path

from realcode.reports.tables import Cell, Table


def _plain(cell: Cell) -> str:
    return cell.text


def flat_header(table: Table) -> list[str]:
    """The header with spanning labels folded in (``run: function``), for flat formats."""
    if not table.spans:
        return list(table.header)
    labels = [label for label, n in table.spans for _ in range(n)]
    return [f"{label}: {name}" if label else name for label, name in zip(labels, table.header, strict=True)]


def markdown(table: Table) -> str:
    lines = [f"### {table.title}", ""]
    header = flat_header(table)
    lines += ["| " + " | ".join(_md(c) for c in header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_md(_plain(c)) for c in row) + " |" for row in table.rows]
    if table.caption:
        lines += ["", table.caption]
    lines += [f"\n> **Note:** {note}" for note in table.notes]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def html_table(table: Table, prefix: str = "") -> str:
    """The table as HTML; links are relative to the report folder (``prefix`` for pages below it)."""
    out = [f'<section class="table" id="{html.escape(table.key)}"><h3>{html.escape(table.title)}</h3>']
    out += [f'<p class="warning">{html.escape(note)}</p>' for note in table.notes]
    css = ' class="text"' if table.text_table else ""
    out.append(f'<div class="scroll"><table{css}><thead>')
    if table.spans:
        out.append("<tr>" + "".join(f'<th colspan="{n}" class="span">{html.escape(label)}</th>'
                                    for label, n in table.spans) + "</tr>")
    out.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in table.header) + "</tr>")
    out.append("</thead><tbody>")
    for row in table.rows:
        out.append("<tr>" + "".join(f"<td>{_html_cell(c, prefix)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table></div>")
    exports = f'<a href="{prefix}tables/{table.key}.csv">CSV</a> · <a href="{prefix}tables/{table.key}.tex">LaTeX</a>'
    out.append(f'<p class="caption">{html.escape(table.caption)} <span class="exports">{exports}</span></p>')
    out.append("</section>")
    return "".join(out)


def _html_cell(cell: Cell, prefix: str) -> str:
    if cell.items:
        return ", ".join(f'<a href="{html.escape(prefix + link)}">{html.escape(text)}</a>' for text, link in cell.items)
    text = html.escape(cell.text)
    if cell.link:
        text = f'<a href="{html.escape(prefix + cell.link)}">{text}</a>'
    if cell.note:
        text += f' <span class="ci">{html.escape(cell.note)}</span>'
    return text


def csv_text(table: Table) -> str:
    """Point values and notes (intervals, shares) in separate columns, ready for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    noted = [any(row[i].note for row in table.rows) for i in range(len(table.header))]
    header: list[str] = []
    for name, has_note in zip(flat_header(table), noted, strict=True):
        header += [name, f"{name} (interval/share)"] if has_note else [name]
    writer.writerow(header)
    for row in table.rows:
        cells: list[str] = []
        for cell, has_note in zip(row, noted, strict=True):
            cells += [cell.text, cell.note or ""] if has_note else [cell.text]
        writer.writerow(cells)
    return buffer.getvalue()


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}", "–": "--"}


def latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def latex(table: Table) -> str:
    """A booktabs table (``\\usepackage{booktabs}``); intervals in a smaller font after the value."""
    columns = "l" + "r" * (len(table.header) - 1)
    lines = [r"\begin{table}[t]", r"\centering", r"\small", rf"\begin{{tabular}}{{{columns}}}", r"\toprule"]
    if table.spans:
        lines.append(" & ".join(rf"\multicolumn{{{n}}}{{c}}{{{latex_escape(label)}}}" if n > 1 else latex_escape(label)
                                for label, n in table.spans) + r" \\")
    lines += [" & ".join(latex_escape(h) for h in table.header) + r" \\", r"\midrule"]
    for row in table.rows:
        cells = [latex_escape(c.text) + (rf" {{\scriptsize {latex_escape(c.note)}}}" if c.note else "") for c in row]
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if table.caption:
        lines.append(rf"\caption{{{latex_escape(table.title)}. {latex_escape(table.caption)}}}")
    lines += [rf"\label{{tab:realcode-{table.key.replace('_', '-')}}}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def write_exports(tables: Sequence[Table], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        for suffix, text in ((".csv", csv_text(table)), (".tex", latex(table))):
            path = folder / f"{table.key}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
