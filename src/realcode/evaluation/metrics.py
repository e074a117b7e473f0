"""Holistic metrics over scored samples: the REAL paper's table plus pass@k and per-CWE rates.

Works on plain result records (the JSON lines ``realcode eval`` writes), so summaries can be
recomputed from files without re-scoring.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from math import comb
from typing import Any


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k (Chen et al., 2021): 1 - C(n-c, k) / C(n, k) for n samples, c correct."""
    if n < k:
        raise ValueError(f"pass@{k} needs at least {k} samples, got {n}")
    if n - c < k:
        return 1.0
    return 1.0 - comb(n - c, k) / comb(n, k)


def _rate(records: Sequence[dict[str, Any]], key: str) -> float:
    return sum(bool(r.get(key)) for r in records) / len(records) if records else 0.0


def _joint(record: dict[str, Any]) -> bool:
    return bool(record.get("function_passed")) and bool(record.get("quality_passed"))


def _rates(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    safety = [r for r in records if r.get("safety_passed") is not None]
    return {
        "samples": len(records),
        "function": _rate(records, "function_passed"),
        "quality": _rate(records, "quality_passed"),
        "function_quality": sum(_joint(r) for r in records) / len(records) if records else 0.0,
        "safety": _rate(safety, "safety_passed") if safety else None,
    }


def summarize(records: Iterable[dict[str, Any]], ks: Sequence[int] = (1, 5, 10)) -> dict[str, Any]:
    """Summary of result records. Keys ``function``, ``quality``, ``function_quality``,
    ``compile``, ``runnable``, ``samples`` and ``tasks`` are always present."""
    records = list(records)
    by_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_task[str(record["task_id"])].append(record)
    summary: dict[str, Any] = {
        **_rates(records),
        "tasks": len(by_task),
        "compile": _rate(records, "compiles"),
        "runnable": _rate(records, "runnable"),
        "code_found": _rate(records, "code_found"),
        "mean_test_pass_rate": (sum(float(r.get("function_pass_rate") or 0) for r in records)
                                / len(records) if records else 0.0),
        "error_free": _rate(records, "error_free"),
    }
    min_n = min((len(v) for v in by_task.values()), default=0)
    pass_k: dict[str, dict[str, float]] = {}
    for k in ks:  # only meaningful with several samples per task
        if min_n > 1 and min_n >= k:
            pass_k[f"pass@{k}"] = {
                "function": _mean_pass_at_k(by_task.values(), k, lambda r: bool(r.get("function_passed"))),
                "function_quality": _mean_pass_at_k(by_task.values(), k, _joint),
            }
    summary["pass_at_k"] = pass_k
    summary.update(_visibility(records))
    per_cwe: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("cwe"):
            per_cwe[str(record["cwe"])].append(record)
    summary["per_cwe"] = {cwe: _rates(rs) for cwe, rs in sorted(per_cwe.items(), key=_cwe_order)}
    statuses = Counter(str(r.get("status")) for r in records)
    summary["statuses"] = dict(statuses.most_common())
    rules = Counter(f["rule_id"] for r in records for f in r.get("findings", []))
    summary["top_findings"] = dict(rules.most_common(10))
    return summary


def _mean_of(records: Sequence[dict[str, Any]], key: str) -> float | None:
    values = [float(r[key]) for r in records if r.get(key) is not None]
    return sum(values) / len(values) if values else None


def _visibility(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean pass rates on the tests the prompt shows and on the others, apart; and how many
    samples were judged on shown tests alone (their task had no hidden test)."""
    return {
        "visible_pass_rate": _mean_of(records, "visible_pass_rate"),
        "hidden_pass_rate": _mean_of(records, "hidden_pass_rate"),
        "judged_on_visible_only": sum(r.get("visibility") == "all_visible" for r in records),
    }


def _cwe_order(item: tuple[str, Any]) -> tuple[int, str]:
    key = item[0]
    return (int(key), key) if key.isdigit() else (1 << 30, key)


def _mean_pass_at_k(groups: Iterable[list[dict[str, Any]]], k: int, ok: Any) -> float:
    values = [pass_at_k(len(g), sum(ok(r) for r in g), k) for g in groups]
    return sum(values) / len(values) if values else 0.0


def format_summary(summary: dict[str, Any], title: str = "") -> str:
    """The holistic table as aligned text."""
    lines = [title] if title else []
    rows = [
        ("Function pass rate", summary["function"]),
        ("Quality pass rate", summary["quality"]),
        ("Function & quality", summary["function_quality"]),
    ]
    if summary.get("safety") is not None:
        rows.append(("Safety tests pass rate", summary["safety"]))
    rows += [
        ("Compile rate", summary["compile"]),
        ("Runnable rate", summary["runnable"]),
        ("Mean test pass rate", summary["mean_test_pass_rate"]),
        ("Error-free rate", summary["error_free"]),
    ]
    for key, name in (("visible_pass_rate", "Visible tests pass rate"),
                      ("hidden_pass_rate", "Hidden tests pass rate")):
        if summary.get(key) is not None:
            rows.append((name, summary[key]))
    for name, values in summary.get("pass_at_k", {}).items():
        rows.append((f"{name} (function)", values["function"]))
        rows.append((f"{name} (function & quality)", values["function_quality"]))
    lines.append(f"samples: {summary['samples']}   tasks: {summary['tasks']}")
    lines += [f"  {name:<32}{value:7.3f}" for name, value in rows]
    if summary.get("per_cwe"):
        lines.append("")
        lines.append(f"  {'CWE':<10}{'n':>5}{'function':>10}{'quality':>10}{'joint':>8}{'safety':>8}")
        for cwe, r in summary["per_cwe"].items():
            safety = f"{r['safety']:8.3f}" if r["safety"] is not None else f"{'-':>8}"
            lines.append(f"  {'CWE-' + cwe:<10}{r['samples']:>5}{r['function']:10.3f}"
                         f"{r['quality']:10.3f}{r['function_quality']:8.3f}{safety}")
    if summary.get("judged_on_visible_only"):
        lines.append(f"  judged on prompt-shown tests only (no hidden test): "
                     f"{summary['judged_on_visible_only']} samples")
    if summary.get("statuses"):
        lines.append("")
        lines.append("  statuses: " + ", ".join(f"{k} {v}" for k, v in summary["statuses"].items()))
    if summary.get("top_findings"):
        lines.append("  top findings: " + ", ".join(f"{k} {v}" for k, v in summary["top_findings"].items()))
    return "\n".join(lines)
