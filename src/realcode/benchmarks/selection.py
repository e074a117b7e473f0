"""Task subsets: filters by id list, CWE and language, and error-prone subsets built from results.

MultiEval's construction (the analyzer-feedback paper): keep the tasks whose first generated
solution has analyzer warnings. ``select_from_results`` generalises it: the condition (findings,
errors, failed tests) and which samples must show it (the first, any, all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from realcode.benchmarks.task import Task

CONDITIONS: dict[str, Callable[[dict[str, Any]], bool]] = {
    # any analyzer finding at all (MultiEval: "has analyzer warnings")
    "findings": lambda r: bool(r.get("findings")),
    # a defect: the program does not compile, or an error-category finding
    "errors": lambda r: not r.get("compiles") or any(f.get("category") == "error" for f in r.get("findings", [])),
    # some functional test fails (or the program never ran)
    "failed": lambda r: not r.get("function_passed"),
}
WHICH = ("first", "any", "all")


def select_from_results(records: Iterable[dict[str, Any]], where: str, which: str = "first") -> list[str]:
    """Task ids (in first-seen order) whose samples meet ``where`` (``first``: sample 0 or the
    lowest index; ``any``: some sample; ``all``: every sample)."""
    if where not in CONDITIONS:
        raise ValueError(f"unknown condition {where!r}; choose one of {', '.join(CONDITIONS)}")
    if which not in WHICH:
        raise ValueError(f"unknown sample choice {which!r}; choose one of {', '.join(WHICH)}")
    test = CONDITIONS[where]
    by_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_task[str(record["task_id"])].append(record)
    chosen = []
    for task_id, samples in by_task.items():
        samples.sort(key=lambda r: int(r.get("sample_index") or 0))
        verdicts = [test(r) for r in samples]
        if (which == "first" and verdicts[0]) or (which == "any" and any(verdicts)) or (
                which == "all" and all(verdicts)):
            chosen.append(task_id)
    return chosen


def write_task_list(ids: Sequence[str], path: str | Path) -> None:
    Path(path).write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")


def read_task_list(path: str | Path) -> list[str]:
    """One task id per line; blank lines and ``#`` comments ignored."""
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"task list {path} does not exist")
    lines = (line.strip() for line in file.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _cwe_key(text: str) -> str:
    return text.strip().upper().removeprefix("CWE-")


def filter_tasks(tasks: Sequence[Task], ids: Sequence[str] | None = None, cwes: Sequence[str] | None = None,
                 languages: Sequence[str] | None = None) -> list[Task]:
    """The tasks named in ``ids`` (in the tasks' order), of one of ``cwes``, in one of ``languages``."""
    kept = list(tasks)
    if ids is not None:
        wanted = set(ids)
        kept = [t for t in kept if t.id in wanted]
    if cwes:
        wanted_cwes = {_cwe_key(c) for c in cwes}
        kept = [t for t in kept if t.cwe is not None and _cwe_key(t.cwe) in wanted_cwes]
    if languages:
        wanted_languages = {lang.strip().lower() for lang in languages}
        kept = [t for t in kept if t.language in wanted_languages]
    return kept
