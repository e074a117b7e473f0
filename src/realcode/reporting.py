"""Reports people want to look at: Markdown and one self-contained HTML file, with plots.

Inputs are the JSONL files realcode writes: evaluation results (``realcode eval``), repair logs
(``realcode repair``: each becomes a *before* and an *after* run) and, optionally, training logs
(one JSON object per step with ``step`` and ``reward`` and any component keys). Runs are compared
side by side; plots are PNGs written next to the report and embedded in the HTML as data URIs.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.evaluation.metrics import summarize
from realcode.jsonl import read_objects

HOLISTIC_ROWS = (
    ("function", "Function pass rate"), ("quality", "Quality pass rate"),
    ("function_quality", "Function & quality"), ("safety", "Safety tests pass rate"),
    ("compile", "Compile rate"), ("runnable", "Runnable rate"), ("mean_test_pass_rate", "Mean test pass rate"),
    ("error_free", "Error-free rate"), ("pass@1", "pass@1"), ("pass@5", "pass@5"), ("samples", "Samples"),
    ("tasks", "Tasks"),
)


@dataclass
class Run:
    name: str
    records: list[dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class RepairRun:
    """A repair log, grouped once: each task's rounds in order and the round it first came clean."""

    name: str
    records: list[dict[str, Any]]
    by_task: dict[str, list[dict[str, Any]]] = field(init=False)
    first_clean: list[int | None] = field(init=False)  # per task; None: never clean
    rounds: int = field(init=False)

    def __post_init__(self) -> None:
        self.by_task = {}
        for record in self.records:
            self.by_task.setdefault(str(record["task_id"]), []).append(record)
        for items in self.by_task.values():
            items.sort(key=lambda r: int(r["round"]))
        self.first_clean = [next((int(r["round"]) for r in items if r["clean"]), None)
                            for items in self.by_task.values()]
        self.rounds = max(int(r["round"]) for r in self.records)

    def endpoints(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The first and the last score of every task: the runs before and after repair."""
        return ([items[0]["score"] for items in self.by_task.values()],
                [items[-1]["score"] for items in self.by_task.values()])


class ReportError(ValueError):
    """An input file that is not a realcode results, repair or training log."""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ReportError(f"{path} does not exist")
    return read_objects(path)[0]


def _named(spec: str) -> tuple[str, Path]:
    """``name=path`` or just ``path`` (named after the file)."""
    if "=" in spec and not Path(spec).exists():
        name, path = spec.split("=", 1)
        return name, Path(path)
    return Path(spec).stem, Path(spec)


def load_inputs(specs: Sequence[str]) -> tuple[list[Run], list[RepairRun]]:
    runs: list[Run] = []
    repairs: list[RepairRun] = []
    for spec in specs:
        name, path = _named(spec)
        records = _read_jsonl(path)
        if records and all("round" in r and "score" in r for r in records):
            repair = RepairRun(name, records)
            repairs.append(repair)
            before, after = repair.endpoints()
            runs.append(Run(f"{name} (before repair)", before))
            runs.append(Run(f"{name} (after repair)", after))
        elif records and all("task_id" in r for r in records):
            runs.append(Run(name, records))
        else:
            raise ReportError(f"{path}: neither realcode evaluation results nor a repair log")
    for run in runs:
        run.summary = summarize(run.records)
    return runs, repairs


def load_training_log(spec: str) -> tuple[str, list[dict[str, Any]]]:
    name, path = _named(spec)
    rows = [r for r in _read_jsonl(path) if "step" in r and any(k.startswith("reward") for k in r)]
    if not rows:
        raise ReportError(f"{path}: no training steps with a reward")
    return name, rows


# --- plots ----------------------------------------------------------------------------------------


def _figure_png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only, no screen
    import matplotlib.pyplot as plt

    return plt


def plot_per_cwe(runs: Sequence[Run]) -> bytes | None:
    cwes = sorted({c for r in runs for c in r.summary.get("per_cwe", {})}, key=lambda c: (len(c), c))
    if not cwes:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(cwes) * max(1, len(runs)) ** 0.5 + 2), 3.8))
    width = 0.8 / len(runs)
    for i, run in enumerate(runs):
        values = [run.summary.get("per_cwe", {}).get(c, {}).get("function_quality", 0.0) for c in cwes]
        bars = ax.bar([x + i * width for x in range(len(cwes))], values, width, label=run.name)
        if len(cwes) * len(runs) <= 24:  # small charts: print the values, zeros stay visible
            ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=7, padding=1)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cwes))], [f"CWE-{c}" for c in cwes],
                  rotation=45, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("function & quality pass rate")
    ax.set_title("Per-CWE pass rate (function & quality)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _figure_png(fig)


def plot_function_vs_quality(runs: Sequence[Run]) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 4.4))
    for index, run in enumerate(runs):
        color = f"C{index % 10}"
        per_cwe = run.summary.get("per_cwe", {})
        if per_cwe:
            xs = [v.get("function", 0.0) for v in per_cwe.values()]
            ys = [v.get("quality", 0.0) for v in per_cwe.values()]
            ax.scatter(xs, ys, s=14, alpha=0.35, color=color)
        ax.scatter([run.summary.get("function", 0.0)], [run.summary.get("quality", 0.0)], s=90, marker="D",
                   edgecolors="black", color=color, label=run.name)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("function pass rate")
    ax.set_ylabel("quality pass rate")
    ax.set_title("Function vs quality (diamonds: runs; dots: their CWEs)")
    ax.legend(fontsize=8)
    return _figure_png(fig)


def plot_repair_funnel(repairs: Sequence[RepairRun]) -> bytes | None:
    if not repairs:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.8, 3.8))
    for repair in repairs:
        clean_by = [sum(1 for c in repair.first_clean if c is not None and c <= round_number)
                    for round_number in range(repair.rounds + 1)]
        ax.plot(range(repair.rounds + 1), clean_by, marker="o", label=f"{repair.name}: clean tasks")
        ax.bar(range(repair.rounds + 1), [len(repair.by_task) - c for c in clean_by], alpha=0.25,
               label=f"{repair.name}: still failing")
    ax.set_xticks(range(max(rep.rounds for rep in repairs) + 1))
    ax.set_xlabel("repair round (0 = first answer)")
    ax.set_ylabel("tasks")
    ax.set_title("Repair funnel by round")
    ax.legend(fontsize=8)
    return _figure_png(fig)


def plot_rewards(logs: Sequence[tuple[str, list[dict[str, Any]]]]) -> bytes | None:
    if not logs:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.2, 3.8))
    for name, rows in logs:
        keys = sorted({k for r in rows for k, v in r.items() if k.startswith("reward") and isinstance(v, (int, float))})
        for key in keys:
            points = [(r["step"], r[key]) for r in rows if isinstance(r.get(key), (int, float))]
            ax.plot([p[0] for p in points], [p[1] for p in points], label=f"{name}: {key}")
    ax.set_xlabel("step")
    ax.set_ylabel("reward")
    ax.set_title("Reward during training")
    ax.legend(fontsize=8)
    return _figure_png(fig)


# --- tables and documents -------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def holistic_table(runs: Sequence[Run]) -> list[list[str]]:
    rows = [["metric", *(r.name for r in runs)]]
    for key, label in HOLISTIC_ROWS:
        if key.startswith("pass@"):  # function pass@k, when runs have several samples per task
            values = [r.summary.get("pass_at_k", {}).get(key, {}).get("function") for r in runs]
        else:
            values = [r.summary.get(key) for r in runs]
        if all(v is None for v in values):
            continue
        rows.append([label, *(_cell(v) for v in values)])
    return rows


def per_cwe_table(runs: Sequence[Run]) -> list[list[str]]:
    cwes = sorted({c for r in runs for c in r.summary.get("per_cwe", {})}, key=lambda c: (len(c), c))
    rows = [["CWE", *(f"{r.name}: function / quality / joint" for r in runs)]]
    for cwe in cwes:
        cells = []
        for run in runs:
            item = run.summary.get("per_cwe", {}).get(cwe)
            cells.append("–" if item is None else
                         f"{item['function']:.2f} / {item['quality']:.2f} / {item['function_quality']:.2f} (n={item['samples']})")
        rows.append([f"CWE-{cwe}", *cells])
    return rows if cwes else []


def _markdown_table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def _html_table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    head, *body = rows
    out = ["<table><thead><tr>", *(f"<th>{html.escape(c)}</th>" for c in head), "</tr></thead><tbody>"]
    for row in body:
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f1f3f5; }
figure { display: inline-block; margin: 1em 1em 1em 0; }
img { max-width: 100%; border: 1px solid #eee; }
"""
# Lets a test (and a reader's console) see that every plot decoded: <body data-images-ok="N">.
_IMAGE_CHECK = """
window.addEventListener("load", function () {
  var ok = Array.prototype.filter.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; });
  document.body.setAttribute("data-images-ok", String(ok.length));
});
"""


def write_report(specs: Sequence[str], out_dir: str | Path, training_logs: Sequence[str] = (),
                 title: str = "realcode report") -> dict[str, Path]:
    runs, repairs = load_inputs(specs)
    logs = [load_training_log(spec) for spec in training_logs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plots: list[tuple[str, str, bytes]] = []
    for file_name, caption, png in (
        ("per_cwe.png", "Per-CWE pass rates", plot_per_cwe(runs)),
        ("function_vs_quality.png", "Function vs quality", plot_function_vs_quality(runs)),
        ("repair_funnel.png", "Repair funnel by round", plot_repair_funnel(repairs)),
        ("rewards.png", "Reward curves", plot_rewards(logs)),
    ):
        if png is not None:
            (out / file_name).write_bytes(png)
            plots.append((file_name, caption, png))
    holistic = holistic_table(runs)
    cwe_rows = per_cwe_table(runs)
    repair_rows = _repair_rows(repairs)

    markdown = [f"# {title}", "", f"Runs: {', '.join(r.name for r in runs)}", "", "## Holistic results", "",
                _markdown_table(holistic), ""]
    if cwe_rows:
        markdown += ["## Per CWE", "", _markdown_table(cwe_rows), ""]
    if repair_rows:
        markdown += ["## Repair", "", _markdown_table(repair_rows), ""]
    markdown += ["## Plots", ""] + [f"![{caption}]({name})" for name, caption, _ in plots]
    (out / "report.md").write_text("\n".join(markdown) + "\n", encoding="utf-8")

    figures = "".join(
        f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>" for _, caption, png in plots)
    body = [f"<h1>{html.escape(title)}</h1>", "<h2>Holistic results</h2>", _html_table(holistic)]
    if cwe_rows:
        body += ["<h2>Per CWE</h2>", _html_table(cwe_rows)]
    if repair_rows:
        body += ["<h2>Repair</h2>", _html_table(repair_rows)]
    body += ["<h2>Plots</h2>", figures]
    document = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                f"<style>{_STYLE}</style><script>{_IMAGE_CHECK}</script></head>"
                f'<body data-images-ok="0">{"".join(body)}</body></html>')
    (out / "report.html").write_text(document, encoding="utf-8")
    return {"markdown": out / "report.md", "html": out / "report.html",
            **{name: out / name for name, _, _ in plots}}


def _repair_rows(repairs: Sequence[RepairRun]) -> list[list[str]]:
    if not repairs:
        return []
    width = max(rep.rounds for rep in repairs)
    rows = [["repair run", "tasks", "clean at round 0", *(f"fixed in round {r}" for r in range(1, width + 1)),
             "still failing"]]
    for repair in repairs:
        first_clean = repair.first_clean
        fixed = [sum(1 for c in first_clean if c == r) for r in range(1, width + 1)]
        rows.append([repair.name, str(len(repair.by_task)), str(sum(1 for c in first_clean if c == 0)),
                     *map(str, fixed), str(sum(1 for c in first_clean if c is None))])
    return rows
