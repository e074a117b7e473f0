"""Generate completions for a benchmark into JSONL, as they come, resuming where a run stopped.

Each line is ``{"task_id", "sample_index", "completion", "model", "backend"}`` — the format
``realcode eval --completions`` reads. Samples that failed (server down after all retries) are not
written, so a rerun generates exactly what is missing.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from realcode.benchmarks import Task
from realcode.generation.base import Backend, SamplingParams
from realcode.jsonl import read_objects, terminate_partial_line


@dataclass
class GenerationSummary:
    requested: int
    already_done: int
    written: int
    failed: int
    errors: list[str]


def existing_samples(path: Path) -> set[tuple[str, int]]:
    if not path.is_file():
        return set()
    return {(str(item["task_id"]), int(item.get("sample_index", 0))) for item in read_objects(path)[0]
            if isinstance(item.get("completion"), str) and "task_id" in item}


def generate_completions(backend: Backend, tasks: Sequence[Task], out: str | Path, n: int = 1,
                         params: SamplingParams | None = None, batch_size: int = 8,
                         progress: bool = True) -> GenerationSummary:
    params = params or SamplingParams()
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    done = existing_samples(path)
    todo = [(task, index) for task in tasks for index in range(n) if (task.id, index) not in done]
    summary = GenerationSummary(len(tasks) * n, len(tasks) * n - len(todo), 0, 0, [])
    # Group the missing samples of a task so one backend call can produce several at once.
    by_task: dict[str, list[int]] = {}
    for task, index in todo:
        by_task.setdefault(task.id, []).append(index)
    task_of = {t.id: t for t in tasks}
    pending = list(by_task.items())
    bar = tqdm(total=len(todo), desc=f"generate {backend.model}", unit="sample", disable=not progress,
               file=sys.stderr)
    terminate_partial_line(path)
    with path.open("a", encoding="utf-8") as handle:
        for start in range(0, len(pending), batch_size):
            chunk = pending[start:start + batch_size]
            width = max(len(indices) for _, indices in chunk)
            results = backend.generate([task_of[task_id].prompt for task_id, _ in chunk], width, params)
            for (task_id, indices), completions in zip(chunk, results, strict=True):
                for index, completion in zip(indices, completions, strict=False):
                    if completion.text is None:
                        summary.failed += 1
                        summary.errors.append(f"{task_id}#{index}: {completion.error}")
                        continue
                    handle.write(json.dumps({"task_id": task_id, "sample_index": index,
                                             "completion": completion.text, "model": backend.model,
                                             "backend": backend.name}) + "\n")
                    summary.written += 1
            handle.flush()
            os.fsync(handle.fileno())
            bar.update(sum(len(i) for _, i in chunk))
    bar.close()
    return summary
