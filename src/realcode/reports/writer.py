"""Assemble the report folder: report.md, report.html (plots embedded), tables/ (CSV, LaTeX),
the plots as PNG files, and the drill-down pages under runs/, samples/ and repairs/."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from realcode.reports import plots
from realcode.reports.ablation import ablation_curves, ablation_plot, ablation_table, load_ablation
from realcode.reports.drilldown import write_drilldown
from realcode.reports.inputs import RepairRun, Run, TrainingLog, load_inputs, load_training_log
from realcode.reports.page import page
from realcode.reports.render import html_table, markdown, write_exports
from realcode.reports.tables import (
    Table,
    comparison_tables,
    configuration_notes,
    holistic_table,
    intervals_table,
    pass_at_k_table,
    per_group_table,
    provenance_table,
    repair_tables,
    reward_table,
    reward_values,
    run_link,
)
from realcode.reward_names import DEFAULT_REWARD


def _tables(runs: Sequence[Run], repairs: Sequence[RepairRun], rewards: Sequence[str]) -> dict[str, list[Table]]:
    """The report's sections, in order, and their tables."""
    sections: dict[str, list[Table]] = {
        "Provenance": [provenance_table(runs)],
        "Results": [holistic_table(runs), intervals_table(runs)],
    }
    extra = [t for t in (pass_at_k_table(runs),) if t is not None]
    sections["Results"] += extra
    sections["Paired comparison"] = comparison_tables(runs)
    groups = [t for t in (per_group_table(runs, "per_cwe", "per_cwe", "Per CWE", "CWE", "CWE-"),
                          per_group_table(runs, "per_language", "per_language", "Per language", "language"))
              if t is not None]
    sections["Per CWE and language"] = groups
    sections["Repair"] = repair_tables(repairs)
    sections["Reward distribution"] = [reward_table(runs, reward) for reward in rewards]
    return {name: tables for name, tables in sections.items() if tables}


def _plots(runs: Sequence[Run], repairs: Sequence[RepairRun], logs: Sequence[TrainingLog],
           rewards: Sequence[str]) -> list[tuple[str, str, bytes]]:
    found: list[tuple[str, str, bytes | None]] = [
        ("per_cwe.png", "Per-CWE pass rates", plots.per_cwe(runs)),
        ("function_vs_quality.png", "Function vs quality", plots.function_vs_quality(runs)),
        ("repair_funnel.png", "Repair funnel: rates per round", plots.repair_funnel(repairs)),
    ]
    for reward in rewards:
        counts = [plots.reward_counts(reward_values(run, reward)) for run in runs]
        found.append((f"reward_{reward}.png", f"Reward distribution ({reward})",
                      plots.reward_histogram(runs, counts, reward)))
    for index, (name, png) in enumerate(plots.training_panels(logs)):
        found.append(("rewards.png" if index == 0 else f"training_{index}.png", f"Training curves: {name}", png))
    return [(file, caption, png) for file, caption, png in found if png is not None]


def write_report(specs: Sequence[str], out_dir: str | Path, training_logs: Sequence[str] = (),
                 title: str = "realcode report", ks: Sequence[int] = (1, 5, 10),
                 rewards: Sequence[str] = (DEFAULT_REWARD,), ablation: str | Path | None = None) -> dict[str, Path]:
    """``ablation``: a reward-ablation ``summary.json`` (benchmarks/learning_effect.py), shown first."""
    runs, repairs = load_inputs(specs, ks)
    logs = [load_training_log(spec) for spec in training_logs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sections = _tables(runs, repairs, rewards)
    ablation_summary = load_ablation(ablation) if ablation is not None else None
    if ablation_summary is not None:
        sections = {"Reward ablation": [ablation_table(ablation_summary)], **sections}
    every_table = [t for tables in sections.values() for t in tables]
    write_exports(every_table, out / "tables")
    figures = _plots(runs, repairs, logs, rewards)
    if ablation_summary is not None:
        curves = ablation_curves(ablation_summary)
        figures[:0] = [("ablation.png", "Reward ablation", ablation_plot(ablation_summary))] + (
            [("ablation_curves.png", "Training curves per arm", curves)] if curves else [])
    for file_name, _, png in figures:
        (out / file_name).write_bytes(png)
    pages = write_drilldown(runs, repairs, out)
    notes = configuration_notes(runs)

    md = [f"# {title}", "", "Runs: " + ", ".join(r.name for r in runs), ""]
    md += [f"> **Warning:** {note}" for note in notes]
    for name, tables in sections.items():
        md += ["", f"## {name}", ""]
        md += [markdown(t) + "\n" for t in tables]
    md += ["## Plots", ""] + [f"![{caption}]({file})" for file, caption, _ in figures]
    md += ["", f"Tables as CSV and LaTeX: `tables/`. Drill-down pages: `runs/` ({pages} pages)."]
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")

    toc = " ".join(f'<a href="#{_anchor(name)}">{html.escape(name)}</a>' for name in [*sections, "Plots"])
    run_links = " · ".join(f'<a href="{run_link(r)}">{html.escape(r.name)}</a>' for r in runs)
    body = [f"<h1>{html.escape(title)}</h1>", f"<nav class=\"toc\">{toc}</nav>",
            f"<p>Runs (click for every sample): {run_links}</p>"]
    body += [f'<p class="warning">{html.escape(note)}</p>' for note in notes]
    for name, tables in sections.items():
        body.append(f'<h2 id="{_anchor(name)}">{html.escape(name)}</h2>')
        body += [html_table(t) for t in tables if t.in_html]
    body.append('<h2 id="plots">Plots</h2>')
    body += [f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
             f"<figcaption>{html.escape(caption)}</figcaption></figure>" for _, caption, png in figures]
    (out / "report.html").write_text(page(title, "".join(body)), encoding="utf-8")
    return {"markdown": out / "report.md", "html": out / "report.html", "tables": out / "tables",
            **{name: out / name for name, _, _ in figures}}


def _anchor(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower())
