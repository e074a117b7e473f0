"""Report plots as PNG bytes (matplotlib, no screen)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from realcode.evaluation.statistics import REWARD_BINS, reward_distribution
from realcode.reports.inputs import RepairRun, Run, TrainingLog


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only, no screen
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return buffer.getvalue()


def _legend_below(ax: Any, count: int) -> None:
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(3, max(1, count)),
              frameon=False)


def per_cwe(runs: Sequence[Run]) -> bytes | None:
    cwes = sorted({c for r in runs for c in r.summary.get("per_cwe", {})},
                  key=lambda c: (int(c), c) if c.isdigit() else (1 << 30, c))
    if not cwes:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(min(10.5, max(6.5, 0.42 * len(cwes) * max(1, len(runs)) ** 0.5 + 2)), 4.2))
    width = 0.8 / len(runs)
    for i, run in enumerate(runs):
        values = [run.summary.get("per_cwe", {}).get(c, {}).get("function_quality") or 0.0 for c in cwes]
        ax.bar([x + i * width for x in range(len(cwes))], values, width, label=run.name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cwes))], [f"CWE-{c}" for c in cwes],
                  rotation=45, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("function & quality pass rate")
    ax.set_title("Per-CWE pass rate (function & quality)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(4, len(runs)), frameon=False)
    return _png(fig)


def function_vs_quality(runs: Sequence[Run]) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.6, 4.8))
    for index, run in enumerate(runs):
        color = f"C{index % 10}"
        per_cwe = run.summary.get("per_cwe", {})
        if per_cwe:
            ax.scatter([v.get("function") or 0.0 for v in per_cwe.values()],
                       [v.get("quality") or 0.0 for v in per_cwe.values()], s=14, alpha=0.35, color=color)
        ax.scatter([run.summary.get("function") or 0.0], [run.summary.get("quality") or 0.0], s=90, marker="D",
                   edgecolors="black", color=color, label=run.name, zorder=3)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("function pass rate")
    ax.set_ylabel("quality pass rate")
    ax.set_title("Function vs quality (diamonds: runs; dots: their CWEs)", fontsize=10)
    ax.grid(alpha=0.3)
    _legend_below(ax, len(runs))
    return _png(fig)


def repair_funnel(repairs: Sequence[RepairRun]) -> bytes | None:
    """Rates after each round (lines) and the share of tasks that first came clean in it (bars)."""
    if not repairs:
        return None
    from realcode.repair import per_round_rates

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    width = 0.8 / len(repairs)
    for i, repair in enumerate(repairs):
        color = f"C{i % 10}"
        rows = per_round_rates(list(repair.by_task.values()), repair.rounds)
        xs = [r["round"] for r in rows]
        total = len(repair.by_task)
        ax.bar([x + (i - (len(repairs) - 1) / 2) * width for x in xs],
               [sum(1 for c in repair.first_clean if c == x) / total for x in xs], width, color=color, alpha=0.25,
               label=f"{repair.name}: share first clean in the round")
        ax.plot(xs, [r["function_quality"] for r in rows], marker="o", color=color,
                label=f"{repair.name}: function & quality after the round")
        ax.plot(xs, [r["function"] for r in rows], marker=".", linestyle="--", color=color,
                label=f"{repair.name}: function after the round")
    ax.set_xticks(range(max(rep.rounds for rep in repairs) + 1))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("repair round (0 = first answer)")
    ax.set_ylabel("rate over tasks")
    ax.set_title("Repair funnel: rates per round")
    ax.grid(axis="y", alpha=0.3)
    _legend_below(ax, 2)
    return _png(fig)


def reward_histogram(runs: Sequence[Run], counts: Sequence[dict[str, int]], reward: str) -> bytes:
    plt = _pyplot()
    names = [name for name, _, _ in REWARD_BINS
             if name not in ("< 0", "> 1") or any(c[name] for c in counts)]
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    width = 0.8 / len(runs)
    for i, (run, count) in enumerate(zip(runs, counts, strict=True)):
        total = sum(count.values()) or 1
        ax.bar([x + i * width for x in range(len(names))], [count[n] / total for n in names], width, label=run.name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(names))], names, fontsize=8)
    ax.set_ylabel("share of samples")
    ax.set_xlabel(f"reward ({reward})")
    ax.set_title(f"Reward distribution: {reward}")
    ax.grid(axis="y", alpha=0.3)
    _legend_below(ax, len(runs))
    return _png(fig)


def reward_counts(values: Sequence[float]) -> dict[str, int]:
    return reward_distribution(values)


# Keys of training logs that are bookkeeping, not curves.
_NOT_CURVES = {"step", "time", "epoch", "samples", "reward_std", "total_flos", "train_runtime",
               "train_samples_per_second", "train_steps_per_second", "grad_norm", "learning_rate"}


def training_panels(logs: Sequence[TrainingLog]) -> list[tuple[str, bytes]]:
    """One figure per log: the mean reward (with its spread) and each reward component in a panel of
    its own; loss curves (SFT, DPO) and DPO's reward margins and accuracies when logged. Per-CWE
    finding counts and other keys stay out (they are in the JSONL)."""
    figures = []
    for log in logs:
        keys = {k for row in log.rows for k, v in row.items() if isinstance(v, (int, float)) and k not in _NOT_CURVES}
        panels: list[tuple[str, list[str]]] = []
        if "reward" in keys:
            panels.append(("mean reward", ["reward"]))
        panels += [(k.removeprefix("reward_"), [k]) for k in sorted(keys) if k.startswith("reward_")]
        losses = sorted(k for k in keys if k == "loss" or k.endswith("_loss") or k.endswith("/loss"))
        if losses:
            panels.append(("loss", losses))
        panels += [(k, [k]) for k in ("rewards/margins", "rewards/accuracies") if k in keys]
        if not panels:
            continue
        plt = _pyplot()
        columns = min(3, len(panels))
        rows = (len(panels) + columns - 1) // columns
        fig, axes = plt.subplots(rows, columns, figsize=(4.0 * columns, 2.8 * rows), squeeze=False)
        for ax, (title, series) in zip([a for row in axes for a in row], panels, strict=False):
            for key in series:
                points = [(r["step"], r[key], r.get("reward_std") if key == "reward" else None)
                          for r in log.rows if isinstance(r.get(key), (int, float))]
                xs = [p[0] for p in points]
                ax.plot(xs, [p[1] for p in points], label=key if len(series) > 1 else None)
                spread = [p[2] for p in points]
                if key == "reward" and all(isinstance(s, (int, float)) for s in spread) and spread:
                    ax.fill_between(xs, [p[1] - float(p[2] or 0) for p in points],
                                    [p[1] + float(p[2] or 0) for p in points], alpha=0.2, label="± std")
            ax.set_title(title, fontsize=10)
            ax.set_xlabel("step", fontsize=8)
            ax.tick_params(labelsize=8)
            ax.grid(alpha=0.3)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=7, frameon=False)
        for ax in [a for row in axes for a in row][len(panels):]:
            ax.set_visible(False)
        fig.suptitle(f"Training: {log.name}", fontsize=11)
        fig.tight_layout()
        figures.append((log.name, _png(fig)))
    return figures
