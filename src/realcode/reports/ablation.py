"""The reward ablation in a report: the start policy and each GRPO arm side by side (function,
quality, joint, trivial; mean ± spread over seeds) and a grouped bar chart, from the
``summary.json`` that ``benchmarks/learning_effect.py`` writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from realcode.reports.inputs import ReportError
from realcode.reports.tables import Cell, Table

COLUMNS = (("function", "Function"), ("quality", "Quality"), ("function_quality", "Function & quality"),
           ("trivial", "Trivial"))
EXTRA_COLUMNS = (("stub", "Stub (parses)"), ("runnable", "Runnable"))
CURVES = (("reward", "the arm's own reward"), ("reward_function", "test pass rate (component)"),
          ("reward_quality", "quality (component)"))


def load_ablation(path: str | Path) -> dict[str, Any]:
    file = Path(path)
    if not file.is_file():
        raise ReportError(f"{file} does not exist")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReportError(f"{file}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("start"), dict) or not isinstance(data.get("runs"), dict):
        raise ReportError(f"{file}: not an ablation summary (needs 'start' and 'runs')")
    return data


def _rows(summary: dict[str, Any]) -> list[tuple[str, dict[str, float], dict[str, float]]]:
    spreads = summary.get("std") or {}
    rows = [("start", summary["start"], spreads.get("start") or {})]
    rows += [(arm, rates, (spreads.get("runs") or {}).get(arm) or {}) for arm, rates in summary["runs"].items()]
    return rows


def ablation_table(summary: dict[str, Any]) -> Table:
    seeds = len((summary.get("per_seed") or {}).get("start") or [None])
    arms = summary.get("arms") or {}
    rows = []
    for name, rates, spread in _rows(summary):
        cells = [Cell(name), Cell((arms.get(name) or {}).get("description", "before GRPO"))]
        for key, _ in COLUMNS + EXTRA_COLUMNS:
            value = rates.get(key)
            note = f"± {spread[key]:.3f}" if seeds > 1 and key in spread else None
            cells.append(Cell("–" if value is None else f"{value:.3f}", note=note))
        rows.append(cells)
    cost = [f"{arm}: {_cost(runs)}" for arm, runs in (summary.get("training") or {}).items() if runs]
    caption = (f"Rates over the fixed task set, mean over {seeds} seed(s)" + (" (± sample std)" if seeds > 1 else "")
               + ". Trivial: no code, code that does not parse, or code that implements nothing "
               "(realcode.code.trivial); stub: the trivial programs that parse.")
    return Table("ablation", "Reward ablation: start policy and GRPO arms", ["arm", "reward"] + [t for _, t in COLUMNS + EXTRA_COLUMNS],
                 rows, caption=caption, notes=["GRPO cost: " + "; ".join(cost)] if cost else [])


def _cost(runs: list[dict[str, Any]]) -> str:
    steps = sum(int(r.get("steps") or 0) for r in runs)
    seconds = sum(float(r.get("seconds") or 0) for r in runs)
    per_step = [float(r["seconds_per_step"]) for r in runs if r.get("seconds_per_step")]
    median = sorted(per_step)[len(per_step) // 2] if per_step else None
    return f"{steps} steps, {seconds:.0f} s" + (f" ({median:.1f} s/step)" if median else "")


def ablation_plot(summary: dict[str, Any]) -> bytes:
    from realcode.reports.plots import _png, _pyplot

    plt = _pyplot()
    rows = _rows(summary)
    fig, ax = plt.subplots(figsize=(7.6, 3.8))
    width = 0.8 / len(rows)
    for i, (name, rates, spread) in enumerate(rows):
        xs = [x + (i - (len(rows) - 1) / 2) * width for x in range(len(COLUMNS))]
        values = [float(rates.get(key) or 0.0) for key, _ in COLUMNS]
        errors = [float(spread.get(key) or 0.0) for key, _ in COLUMNS]
        ax.bar(xs, values, width, yerr=errors if any(errors) else None, capsize=2, label=name,
               color="0.6" if name == "start" else None)
    ax.set_xticks(range(len(COLUMNS)))
    ax.set_xticklabels([title for _, title in COLUMNS])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("rate over samples")
    ax.set_title("Reward ablation: before (start) and after GRPO with each reward", fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, ncol=len(rows), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    fig.tight_layout()
    return _png(fig)


def _step_means(paths: list[str], key: str) -> list[tuple[int, float]]:
    """Per step, the mean of ``key`` over the seeds' logs that have it."""
    by_step: dict[int, list[float]] = {}
    for path in paths:
        file = Path(path)
        if not file.is_file():
            continue
        for line in file.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get(key), (int, float)) and isinstance(row.get("step"), int):
                by_step.setdefault(row["step"], []).append(float(row[key]))
    return [(step, sum(v) / len(v)) for step, v in sorted(by_step.items())]


def _smoothed(values: list[float], window: int) -> list[float]:
    return [sum(values[max(0, i - window + 1):i + 1]) / len(values[max(0, i - window + 1):i + 1])
            for i in range(len(values))]


def ablation_curves(summary: dict[str, Any], window: int = 4) -> bytes | None:
    """Each arm's training curves on shared axes (running mean over ``window`` steps, mean over
    seeds): its own reward, and the test pass rate and quality every reward logs as components."""
    logs = {arm: [str(p) for p in paths] for arm, paths in (summary.get("logs") or {}).items() if paths}
    series = {(arm, key): _step_means(paths, key) for arm, paths in logs.items() for key, _ in CURVES}
    if not any(series.values()):
        return None
    from realcode.reports.plots import _png, _pyplot

    plt = _pyplot()
    fig, axes = plt.subplots(1, len(CURVES), figsize=(4.0 * len(CURVES), 3.2), squeeze=False)
    for ax, (key, title) in zip(axes[0], CURVES, strict=True):
        for index, arm in enumerate(logs):
            points = series[(arm, key)]
            if points:
                ax.plot([p[0] for p in points], _smoothed([p[1] for p in points], window), label=arm,
                        color=f"C{index % 10}")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("GRPO step", fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8, frameon=False)
    fig.suptitle(f"Training curves per arm (running mean over {window} steps)", fontsize=11)
    fig.tight_layout()
    return _png(fig)
