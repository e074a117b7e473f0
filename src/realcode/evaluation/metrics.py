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


def summarize(records: Iterable[dict[str, Any]], ks: Sequence[int] = (1, 5, 10),
              intervals: bool = False) -> dict[str, Any]:
    """Summary of result records. Keys ``function``, ``quality``, ``function_quality``,
    ``compile``, ``runnable``, ``samples`` and ``tasks`` are always present; with ``intervals``,
    ``intervals`` holds a 95% bootstrap interval (tasks resampled) per rate."""
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
    summary.update(paper_rates(records))
    languages = {str(r.get("language") or "python") for r in records}
    if languages != {"python"}:
        summary["per_language"] = per_group(records, lambda r: str(r.get("language") or "python"))
    # quality-only: nothing ran because no task had tests (not: nothing ran because no sample had code)
    if not any(r.get("test") for r in records) and any(
            r.get("status") == "not_run" or (r.get("code_found") and r.get("compiles")) for r in records):
        mark_quality_only(summary)
    if languages and "python" not in languages:
        summary["compile"] = None  # only Python programs are compiled
    statuses = Counter(str(r.get("status")) for r in records)
    summary["statuses"] = dict(statuses.most_common())
    rules = Counter(f["rule_id"] for r in records for f in r.get("findings", []))
    summary["top_findings"] = dict(rules.most_common(10))
    if intervals:
        from realcode.evaluation.statistics import rate_intervals

        summary["intervals"] = {k: list(v) for k, v in rate_intervals(records, summary).items()}
    return summary


def mark_quality_only(summary: dict[str, Any]) -> dict[str, Any]:
    """Quality-only sets (no task has tests): function is not applicable, not zero."""
    for key in ("function", "function_quality", "runnable", "mean_test_pass_rate", "safety",
                "output_correct", "test_pass"):
        summary[key] = None
    for rates in (*summary.get("per_cwe", {}).values(), *summary.get("per_language", {}).values()):
        rates["function"] = rates["function_quality"] = None
    summary["function_not_applicable"] = "no task has tests: quality-only benchmark"
    return summary


def _findings_of(record: dict[str, Any], analyzer: str) -> bool:
    return any(f.get("analyzer") == analyzer for f in record.get("findings", []))


def _ran(records: Sequence[dict[str, Any]], analyzer: str) -> bool:
    return any(analyzer in (r.get("quality_analyzers") or ()) or _findings_of(r, analyzer) for r in records)


def paper_rates(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The founding papers' rates, each over all samples.

    ``defect_free``: compiles and no finding of the ``errors`` analyzers (the analyzer-feedback
    paper's error-free rate; None when they did not run); ``maintainable``: compiles and no mypy
    strict finding (realcode's older ``error_free`` adds ruff to it). SecureCodeRL's table:
    ``compile``, ``output_correct`` (every test case printed/returned the right value),
    ``test_pass`` (mean share of test cases passed) and ``security_issue`` per analyzer that
    reports security findings (Bandit for that paper: ``--quality-analyzers bandit``)."""
    if not records:
        return {}
    n = len(records)

    def clean_of(analyzer: str) -> float | None:
        if not _ran(records, analyzer):
            return None
        return sum(bool(r.get("compiles")) and not _findings_of(r, analyzer) for r in records) / n

    security = sorted({f.get("analyzer") for r in records for f in r.get("findings", [])
                       if f.get("category") == "security" and f.get("analyzer")}
                      | {a for r in records for a in (r.get("quality_analyzers") or ())
                         if a in ("bandit", "security", "icd")})
    return {
        "defect_free": clean_of("errors"),
        "maintainable": clean_of("mypy"),
        "output_correct": _rate(records, "function_passed"),
        "test_pass": sum(float(r.get("function_pass_rate") or 0) for r in records) / n,
        "security_issue": {a: sum(any(f.get("analyzer") == a and f.get("category") == "security"
                                      for f in r.get("findings", [])) for r in records) / n
                           for a in security},
    }


def per_group(records: Iterable[dict[str, Any]], group_of: Any) -> dict[str, dict[str, Any]]:
    """``_rates`` per group (a language, a program type...), ``group_of(record)`` naming it."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[str(group_of(record))].append(record)
    out = {}
    for name, rs in sorted(groups.items()):
        rates = _rates(rs)
        rates["vulnerable"] = sum(any(f.get("category") == "security" for f in r.get("findings", []))
                                  for r in rs) / len(rs)
        out[name] = rates
    return out


def bleu_by_group(records: Iterable[dict[str, Any]], references: dict[str, str],
                  group_of: Any) -> dict[str, float]:
    """Mean sentence BLEU (sacrebleu, 0-100) of each sample's program against its task's reference
    text (CyberSecEval: the original code), per group; a sample without code scores 0."""
    import sacrebleu

    scores: dict[str, list[float]] = defaultdict(list)
    for record in records:
        reference = references.get(str(record["task_id"]))
        if reference is None:
            continue
        code = record.get("code") or ""
        score = sacrebleu.sentence_bleu(code, [reference]).score if code.strip() else 0.0
        scores[str(group_of(record))].append(score)
    return {name: sum(v) / len(v) for name, v in sorted(scores.items()) if v}


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


def _fmt(value: float | None, width: int = 7, spec: str = ".3f") -> str:
    return f"{'n/a':>{width}}" if value is None else f"{value:{width}{spec}}"


# Row labels of format_summary and the summary keys whose intervals they show.
_INTERVAL_OF_ROW = {"Function pass rate": "function", "Quality pass rate": "quality",
                    "Function & quality": "function_quality", "Safety tests pass rate": "safety",
                    "Compile rate": "compile", "Runnable rate": "runnable",
                    "Mean test pass rate": "mean_test_pass_rate", "Error-free rate": "error_free"}


def _interval_text(summary: dict[str, Any], row: str) -> str:
    interval = (summary.get("intervals") or {}).get(_INTERVAL_OF_ROW.get(row, ""))
    return f"   [{interval[0]:.3f}, {interval[1]:.3f}]" if interval else ""


def format_summary(summary: dict[str, Any], title: str = "") -> str:
    """The holistic table as aligned text."""
    lines = [title] if title else []
    if summary.get("isolation"):
        lines.append(f"isolation: {summary['isolation']}")
    if summary.get("config_hash"):
        lines.append(f"configuration: {summary['config_hash']}")
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
    for key, name in (("defect_free", "Defect-free rate (errors)"),
                      ("maintainable", "Maintainable (mypy strict)"),
                      ("output_correct", "Output-correct rate"), ("test_pass", "Test-pass rate")):
        if key in summary and (summary[key] is not None or key in ("output_correct", "test_pass")):
            rows.append((name, summary[key]))
    for analyzer, rate in (summary.get("security_issue") or {}).items():
        rows.append((f"Security-issue rate ({analyzer})", rate))
    lines.append(f"samples: {summary['samples']}   tasks: {summary['tasks']}")
    if summary.get("function_not_applicable"):
        lines.append(f"  function: not applicable ({summary['function_not_applicable']})")
    lines += [f"  {name:<32}{_fmt(value)}{_interval_text(summary, name)}" for name, value in rows]
    if summary.get("per_cwe"):
        lines.append("")
        lines.append(f"  {'CWE':<10}{'n':>5}{'function':>10}{'quality':>10}{'joint':>8}{'safety':>8}")
        for cwe, r in summary["per_cwe"].items():
            safety = f"{r['safety']:8.3f}" if r["safety"] is not None else f"{'-':>8}"
            lines.append(f"  {'CWE-' + cwe:<10}{r['samples']:>5}{_fmt(r['function'], 10)}"
                         f"{_fmt(r['quality'], 10)}{_fmt(r['function_quality'], 8)}{safety}")
    if summary.get("per_language"):
        bleu = summary.get("bleu_per_language") or {}
        lines.append("")
        lines.append(f"  {'language':<12}{'n':>5}{'function':>10}{'quality':>10}{'vulnerable':>12}{'BLEU':>8}")
        for language, r in summary["per_language"].items():
            lines.append(f"  {language:<12}{r['samples']:>5}{_fmt(r['function'], 10)}{_fmt(r['quality'], 10)}"
                         f"{_fmt(r['vulnerable'], 12)}{_fmt(bleu.get(language), 8, '.2f')}")
    if summary.get("judged_on_visible_only"):
        lines.append(f"  judged on prompt-shown tests only (no hidden test): "
                     f"{summary['judged_on_visible_only']} samples")
    if summary.get("statuses"):
        lines.append("")
        lines.append("  statuses: " + ", ".join(f"{k} {v}" for k, v in summary["statuses"].items()))
    if summary.get("top_findings"):
        lines.append("  top findings: " + ", ".join(f"{k} {v}" for k, v in summary["top_findings"].items()))
    return "\n".join(lines)
