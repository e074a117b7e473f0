"""Evaluation runs: score samples in batches, append each result to a JSONL file as it is done,
and resume from that file after an interruption."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.benchmarks.task import Task
from realcode.jsonl import read_objects, terminate_partial_line
from realcode.scoring.scorer import Scorer


class CompletionsError(ValueError):
    """The completions file cannot be used at all (missing, or no usable line)."""


@dataclass(frozen=True)
class Sample:
    task_id: str
    sample_index: int
    completion: str | None

    @property
    def key(self) -> str:
        """Identity of a sample in a results file: task, index and the completion's content."""
        digest = hashlib.sha256((self.completion or "").encode("utf-8", "replace")).hexdigest()[:16]
        return f"{self.task_id}\x1f{self.sample_index}\x1f{digest}"


@dataclass
class SampleSet:
    samples: list[Sample]
    problems: list[str] = field(default_factory=list)  # skipped lines and why


def samples_from_solutions(tasks: Sequence[Task], kind: str) -> SampleSet:
    samples = [Sample(t.id, 0, t.solutions[kind]) for t in tasks if kind in t.solutions]
    missing = [t.id for t in tasks if kind not in t.solutions]
    if not samples:
        kinds = sorted({k for t in tasks for k in t.solutions})
        raise CompletionsError(
            f"no task has a {kind!r} solution; this benchmark has: {', '.join(kinds) or 'none'}")
    problems = [f"{len(missing)} task(s) have no {kind!r} solution"] if missing else []
    return SampleSet(samples, problems)


def read_completions(path: str | Path, tasks: Sequence[Task]) -> SampleSet:
    """Read ``{"task_id": ..., "completion": ...}`` lines; several lines per task are samples
    0, 1, 2, ... in file order. Bad lines are skipped and reported, never fatal on their own."""
    path = Path(path)
    if not path.is_file():
        raise CompletionsError(f"completions file {path} does not exist")
    known = {t.id for t in tasks}
    counts: dict[str, int] = {}
    samples: list[Sample] = []
    problems: list[str] = []
    unknown = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                problems.append(f"line {number}: not valid JSON")
                continue
            if not isinstance(item, dict) or "task_id" not in item:
                problems.append(f"line {number}: needs an object with 'task_id' and 'completion'")
                continue
            completion = item.get("completion", item.get("response"))
            if completion is not None and not isinstance(completion, str):
                problems.append(f"line {number}: 'completion' is not a string")
                continue
            task_id = str(item["task_id"])
            if task_id not in known:
                unknown += 1
                continue
            index = counts.get(task_id, 0)
            counts[task_id] = index + 1
            samples.append(Sample(task_id, index, completion))
    if unknown:
        problems.append(f"{unknown} line(s) name tasks not in the loaded benchmark (check --split/--limit)")
    if not samples:
        detail = "; ".join(problems[:3]) or "the file is empty"
        raise CompletionsError(f"{path}: no usable completions ({detail})")
    return SampleSet(samples, problems)


def read_results(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """Records of a results file, and how many lines were unreadable (e.g. cut by a crash)."""
    if not Path(path).exists():
        return [], 0
    objects, bad = read_objects(path)
    records = [o for o in objects if "key" in o]
    return records, bad + len(objects) - len(records)


@dataclass
class EvaluationRun:
    records: list[dict[str, Any]]
    scored: int  # scored in this run
    resumed: int  # taken from the results file
    unreadable: int


def evaluate(
    tasks: Sequence[Task],
    samples: Sequence[Sample],
    out: str | Path,
    scorer: Scorer | None = None,
    batch_size: int = 32,
    progress: bool = True,
    on_batch: Callable[[int], None] | None = None,
) -> EvaluationRun:
    """Score ``samples``, appending one JSON line per sample to ``out``; skip those already there."""
    scorer = scorer or Scorer()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    task_by_id = {t.id: t for t in tasks}
    wanted = {s.key for s in samples}
    previous, unreadable = read_results(out)
    done = {r["key"]: r for r in previous if r["key"] in wanted}
    todo = [s for s in samples if s.key not in done]
    terminate_partial_line(out)
    bar = _progress(len(samples), len(done), progress)
    new_records: dict[str, dict[str, Any]] = {}
    try:
        with out.open("a", encoding="utf-8") as handle:
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                scores = scorer.score_many([task_by_id[s.task_id] for s in batch],
                                           [s.completion for s in batch],
                                           [s.sample_index for s in batch])
                for sample, score in zip(batch, scores, strict=True):
                    record = {"key": sample.key, "benchmark": task_by_id[sample.task_id].benchmark,
                              **score.to_dict()}
                    handle.write(json.dumps(record) + "\n")
                    new_records[sample.key] = record
                handle.flush()
                os.fsync(handle.fileno())
                bar(len(batch))
                if on_batch is not None:
                    on_batch(len(new_records))
    finally:
        bar(0, close=True)
    records = [done.get(s.key) or new_records[s.key] for s in samples if s.key in done or s.key in new_records]
    return EvaluationRun(records, len(new_records), len(done), unreadable)


def _progress(total: int, initial: int, enabled: bool) -> Callable[..., None]:
    if not enabled:
        return lambda n, close=False: None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a core dependency
        return lambda n, close=False: None
    bar = tqdm(total=total, initial=initial, unit="sample", file=sys.stderr, dynamic_ncols=True)

    def update(n: int, close: bool = False) -> None:
        if n:
            bar.update(n)
        if close:
            bar.close()

    return update


def load_records(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in paths:
        records.extend(read_results(path)[0])
    return records
