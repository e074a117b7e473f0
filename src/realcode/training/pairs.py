"""DPO preference pairs from scored completions of the same prompt.

Chosen: passes every functional test and has no finding from the quality analyzers. Rejected: has
findings or fails tests (and contains a program). Pairs whose two programs are the same up to
layout, or nearly so, are dropped: they teach nothing but noise. Each pair records why the
rejected side lost.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from realcode.jsonl import read_objects

_SPACE = re.compile(r"\s+")


@dataclass
class PairStats:
    tasks: int = 0
    tasks_with_pairs: int = 0
    pairs: int = 0
    near_duplicates_dropped: int = 0
    tasks_without_clean: int = 0
    tasks_without_flawed: int = 0
    rejected_for_findings: int = 0
    rejected_for_tests: int = 0
    findings_by_cwe: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_chosen(record: Mapping[str, Any]) -> bool:
    return bool(record.get("code")) and bool(record.get("function_passed")) and bool(record.get("quality_passed"))


def is_rejected(record: Mapping[str, Any]) -> bool:
    return bool(record.get("code")) and not is_chosen(record)


def _quality_findings(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    analyzers = set(record.get("quality_analyzers") or ())
    return [f for f in record.get("findings", []) if f.get("analyzer") in analyzers]


def rejection_reason(record: Mapping[str, Any]) -> str:
    reasons = []
    findings = _quality_findings(record)
    if findings:
        listed = ", ".join(f"{f['rule_id']}" + (f" (CWE-{f['cwe']})" if f.get("cwe") else "") + f" line {f['line']}"
                           for f in findings[:5])
        reasons.append(f"findings: {listed}")
    if not record.get("function_passed"):
        test = record.get("test") or {}
        cases = test.get("cases") or []
        if record.get("runnable"):
            passed = sum(1 for c in cases if c.get("status") == "passed")
            reasons.append(f"fails tests ({passed}/{len(cases)} cases pass)")
        else:
            reasons.append(f"does not run ({record.get('status')})")
    return "; ".join(reasons) or "not clean"


def _normalized(code: str) -> str:
    lines = [line.split("#", 1)[0] for line in code.splitlines()]
    return _SPACE.sub(" ", "\n".join(lines)).strip()


def near_duplicates(a: str, b: str, threshold: float) -> bool:
    left, right = _normalized(a), _normalized(b)
    if left == right:
        return True
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio() >= threshold


def as_answer(code: str) -> list[dict[str, str]]:
    return [{"role": "assistant", "content": f"```python\n{code.rstrip()}\n```"}]


def build_pairs(records: Iterable[Mapping[str, Any]], prompts: Mapping[str, Sequence[Mapping[str, str]]],
                max_pairs_per_task: int = 4, similarity: float = 0.995) -> tuple[list[dict[str, Any]], PairStats]:
    by_task: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        by_task.setdefault(str(record["task_id"]), []).append(record)
    stats = PairStats()
    pairs: list[dict[str, Any]] = []
    for task_id, items in sorted(by_task.items()):
        if task_id not in prompts:
            continue
        stats.tasks += 1
        chosen = [r for r in items if is_chosen(r)]
        rejected = [r for r in items if is_rejected(r)]
        stats.tasks_without_clean += not chosen
        stats.tasks_without_flawed += not rejected
        made = 0
        for good in chosen:
            for bad in rejected:
                if made >= max_pairs_per_task:
                    break
                if near_duplicates(str(good["code"]), str(bad["code"]), similarity):
                    stats.near_duplicates_dropped += 1
                    continue
                findings = _quality_findings(bad)
                stats.rejected_for_findings += bool(findings)
                stats.rejected_for_tests += not bad.get("function_passed")
                for finding in findings:
                    key = str(finding.get("cwe") or "none")
                    stats.findings_by_cwe[key] = stats.findings_by_cwe.get(key, 0) + 1
                pairs.append({
                    "task_id": task_id, "prompt": [dict(m) for m in prompts[task_id]],
                    "chosen": as_answer(str(good["code"])), "rejected": as_answer(str(bad["code"])),
                    "reason": rejection_reason(bad),
                    "chosen_sample": good.get("sample_index"), "rejected_sample": bad.get("sample_index"),
                })
                made += 1
        stats.tasks_with_pairs += made > 0
        stats.pairs += made
    return pairs, stats


def read_results(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Evaluation results from several files (e.g. two models, or samples and references)."""
    records = []
    for offset, path in enumerate(paths):
        for item in read_objects(path)[0]:
            if "task_id" in item and "code" in item:
                item["sample_index"] = f"{offset}:{item.get('sample_index', 0)}"
                records.append(item)
    return records


def write_pairs(pairs: Sequence[Mapping[str, Any]], out: str | Path) -> None:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair) + "\n")
