"""Evaluation runs: score samples in batches, append each result to a JSONL file as it is done,
and resume from that file after an interruption."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.benchmarks.task import Task
from realcode.evaluation.results import (
    append_line,
    check_resumable,
    locked_append,
    read_results_file,
    sync,
)
from realcode.jsonl import terminate_partial_line
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
    metadata: list[dict[str, Any]] = field(default_factory=list)  # per line: model, backend, ... (no text)


def samples_from_solutions(tasks: Sequence[Task], kind: str) -> SampleSet:
    samples = [Sample(t.id, 0, t.solutions[kind]) for t in tasks if kind in t.solutions]
    missing = [t.id for t in tasks if kind not in t.solutions]
    if not samples:
        kinds = sorted({k for t in tasks for k in t.solutions})
        raise CompletionsError(
            f"no task has a {kind!r} solution; this benchmark has: {', '.join(kinds) or 'none'}")
    problems = [f"{len(missing)} task(s) have no {kind!r} solution"] if missing else []
    return SampleSet(samples, problems)


DEFAULT_COMPLETION_KEY = "completion"
# Keys realcode's own writers put next to the completion (generate, repair, other tools' dumps).
KNOWN_KEYS = frozenset({"task_id", "sample_index", "model", "backend", "error", "finish_reason", "usage",
                        "meta", "prompt", "temperature", "top_p", "max_tokens", "seed", "attempts"})
_METADATA_KEYS = ("model", "backend", "temperature", "top_p", "max_tokens", "seed")


def _named_list(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(repr(n) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def read_completions(path: str | Path, tasks: Sequence[Task], completion_key: str | None = None) -> SampleSet:
    """Read ``{"task_id": ..., "completion": ...}`` lines (``completion_key`` names another field);
    several lines per task are samples 0, 1, 2, ... in file order. Bad lines are skipped and
    reported; a file where no line has the completion field, or none names a loaded task, is an
    error naming what it has instead, never a run that scores every sample ``no_code``."""
    path = Path(path)
    key = completion_key or DEFAULT_COMPLETION_KEY
    if not path.is_file():
        raise CompletionsError(f"completions file {path} does not exist")
    known = {t.id for t in tasks}
    counts: dict[str, int] = {}
    samples: list[Sample] = []
    problems: list[str] = []
    metadata: list[dict[str, Any]] = []
    unknown_ids: dict[str, int] = {}
    missing_key = 0
    other_keys: dict[str, int] = {}
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
                problems.append(f"line {number}: needs an object with 'task_id' and {key!r}")
                continue
            for name in item:
                if name != key and name not in KNOWN_KEYS:
                    other_keys[name] = other_keys.get(name, 0) + 1
            if key not in item:
                missing_key += 1
                continue
            completion = item[key]
            if completion is not None and not isinstance(completion, str):
                problems.append(f"line {number}: {key!r} is not a string")
                continue
            task_id = str(item["task_id"])
            if task_id not in known:
                unknown_ids[task_id] = unknown_ids.get(task_id, 0) + 1
                continue
            index = counts.get(task_id, 0)
            counts[task_id] = index + 1
            samples.append(Sample(task_id, index, completion))
            metadata.append({k: item[k] for k in _METADATA_KEYS if k in item})
    if missing_key and not samples and other_keys:
        raise CompletionsError(
            f"{path}: no line has a {key!r} field; its lines have {_named_list(sorted(other_keys))} "
            f"(pass --completion-key NAME to read another field)")
    if missing_key:
        problems.append(f"{missing_key} line(s) have no {key!r} field and were skipped")
    if other_keys:
        problems.append(f"ignored unknown field(s) {_named_list(sorted(other_keys))}")
    if unknown_ids:
        ids = sorted(unknown_ids)
        problems.append(f"{sum(unknown_ids.values())} line(s) name {len(ids)} task id(s) not in the loaded "
                        f"benchmark: {_named_list(ids)} (check --benchmark/--split/--limit)")
    if not samples:
        detail = "; ".join(problems[:3]) or "the file is empty"
        raise CompletionsError(f"{path}: no usable completions ({detail})")
    return SampleSet(samples, problems, metadata)


def read_results(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """Sample records of a results file (each key once), and how many lines were unreadable
    (e.g. cut by a crash); the header line is not a sample and not unreadable."""
    file = read_results_file(path, must_exist=False)
    return file.records, file.unreadable


@dataclass
class EvaluationRun:
    records: list[dict[str, Any]]
    scored: int  # scored in this run
    resumed: int  # taken from the results file
    unreadable: int
    duplicates: int = 0  # records of the file whose key came earlier (counted once)


def evaluate(
    tasks: Sequence[Task],
    samples: Sequence[Sample],
    out: str | Path,
    scorer: Scorer | None = None,
    batch_size: int = 32,
    progress: bool = True,
    on_batch: Callable[[int], None] | None = None,
    header: dict[str, Any] | None = None,
) -> EvaluationRun:
    """Score ``samples``, appending one JSON line per sample to ``out``; skip those already there.

    With a ``header`` (``results.make_header``) the file is resumed only when it was written under
    the same configuration hash and source (else ConfigMismatch), and every record carries the hash.
    The file is locked while written (ResultsLocked when another process holds it)."""
    scorer = scorer or Scorer()
    out = Path(out)
    task_by_id = {t.id: t for t in tasks}
    wanted = {s.key for s in samples}
    config = None if header is None else str(header["config_hash"])
    with locked_append(out) as handle:
        existing = read_results_file(out, must_exist=False)
        if header is not None:
            check_resumable(existing, str(header["config_hash"]),
                            str(header["provenance"].get("source", {}).get("id", "")),
                            header["provenance"].get("config"))
        done = {r["key"]: r for r in existing.records if r["key"] in wanted}
        todo = [s for s in samples if s.key not in done]
        terminate_partial_line(out)
        if header is not None and existing.header is None:
            append_line(handle, header)
        bar = _progress(len(samples), len(done), progress)
        new_records: dict[str, dict[str, Any]] = {}
        try:
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                scores = scorer.score_many([task_by_id[s.task_id] for s in batch],
                                           [s.completion for s in batch],
                                           [s.sample_index for s in batch])
                for sample, score in zip(batch, scores, strict=True):
                    record = {"key": sample.key, "benchmark": task_by_id[sample.task_id].benchmark,
                              **({"config": config} if config else {}), **score.to_dict()}
                    append_line(handle, record)
                    new_records[sample.key] = record
                sync(handle)
                bar(len(batch))
                if on_batch is not None:
                    on_batch(len(new_records))
        finally:
            bar(0, close=True)
    records = [done.get(s.key) or new_records[s.key] for s in samples if s.key in done or s.key in new_records]
    return EvaluationRun(records, len(new_records), len(done), existing.unreadable, existing.duplicates)


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
    """Sample records of results files; a path that is not a results file is an error."""
    records: list[dict[str, Any]] = []
    for path in paths:
        records.extend(read_results_file(path).records)
    return records
