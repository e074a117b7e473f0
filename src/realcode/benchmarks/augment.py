"""More hidden tests for call-suite tasks that have too few, derived the EvalPlus way.

A task whose prompt shows most of its tests (``benchmarks.visibility``) leaves little to decide a
reward. For such a task (fewer than ``min_hidden`` hidden cases) with a reference solution:

1. new inputs come from type-aware mutation of all given inputs (``benchmarks.mutation``);
2. the reference runs on the given and the new inputs in the sandbox (``execution.returned``), twice
   over the new ones; it must pass every given case, or the task is left as it is;
3. a new input is kept only if the reference returned the same plain value both times, within
   ``max_reference_s``; inputs on which it raised, hung, crashed or returned something that is not
   plain data are dropped;
4. other known solutions that pass every given case must agree on it too (differential testing:
   where correct programs disagree the input is outside what the task defines);
5. the first kept inputs become hidden cases with the reference's values as expected outputs, up to
   ``target_hidden`` hidden cases.

The result is cached on disk per task content, reference, options and seed, so it is computed once;
the same seed gives the same tests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.benchmarks.mutation import mutate_inputs
from realcode.benchmarks.task import Task
from realcode.execution.limits import Limits
from realcode.execution.returned import RETURNED, Returned, returned_values
from realcode.execution.runners import call_result_matches, values_equal
from realcode.execution.suites import CallCase, CallSuite

FORMAT_VERSION = 2
DEFAULT_CACHE_DIR = Path("~/.cache/realcode/augment")

# Outcomes per task (``augment_tasks`` counts them).
AUGMENTED, ENOUGH_HIDDEN, NOT_APPLICABLE = "augmented", "enough_hidden", "not_applicable"
REFERENCE_FAILS, NOTHING_KEPT = "reference_fails_given", "no_input_kept"


@dataclass(frozen=True)
class AugmentOptions:
    min_hidden: int = 5  # a task with fewer hidden cases is augmented ...
    target_hidden: int = 10  # ... up to this many hidden cases
    seed: int = 0
    candidates: int = 30  # mutated inputs tried per task
    max_reference_s: float = 0.5  # inputs the reference needs longer for are dropped
    agreeing_solutions: int = 2  # other solutions consulted (those that pass the given cases)
    cache_dir: str | None = None  # default ~/.cache/realcode/augment; "" disables the cache
    limits: Limits = field(default_factory=lambda: Limits(wall_s=60.0, case_timeout_s=2.0))

    def cache_path(self) -> Path | None:
        if self.cache_dir == "":
            return None
        return Path(self.cache_dir).expanduser() if self.cache_dir else DEFAULT_CACHE_DIR.expanduser()


@dataclass
class Augmentation:
    """What augmentation did to one task."""

    outcome: str
    added: list[CallCase] = field(default_factory=list)
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "detail": self.detail,
                "added": [{"args": list(c.args), "expected": c.expected} for c in self.added]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Augmentation:
        added = [CallCase(tuple(c["args"]), c["expected"]) for c in data.get("added", [])]
        return cls(str(data["outcome"]), added, data.get("detail"))


def hidden_count(suite: CallSuite) -> int:
    return len(suite.cases) - len(set(suite.visible))


def augment_task(task: Task, options: AugmentOptions | None = None) -> tuple[Task, Augmentation]:
    """``task`` with derived hidden cases appended (when it needs and allows them), and what was done."""
    options = options or AugmentOptions()
    suite = task.tests
    reference = task.solutions.get("reference")
    if not isinstance(suite, CallSuite) or not reference or not suite.cases:
        return task, Augmentation(NOT_APPLICABLE, detail="no call suite or no reference solution")
    if hidden_count(suite) >= options.min_hidden:
        return task, Augmentation(ENOUGH_HIDDEN)
    others = [s for s in task.context.get("other_solutions", []) if isinstance(s, str) and s]
    others = others[: options.agreeing_solutions]
    key = _cache_key(suite, reference, others, options)
    augmentation = _read_cache(options, key)
    if augmentation is None:
        augmentation = _derive(suite, reference, others, options, _rng(options.seed, key))
        _write_cache(options, key, augmentation)
    return _with_cases(task, suite, augmentation.added), augmentation


def augment_tasks(tasks: Sequence[Task], options: AugmentOptions | None = None,
                  workers: int = 2) -> tuple[list[Task], Counter[str]]:
    """Augment every task that needs it (in parallel); the tasks and a count of outcomes."""
    options = options or AugmentOptions()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda t: augment_task(t, options), tasks))
    return [t for t, _ in results], Counter(a.outcome for _, a in results)


def _with_cases(task: Task, suite: CallSuite, added: list[CallCase]) -> Task:
    if not added:
        return task
    first = len(suite.cases)
    new_suite = dataclasses.replace(
        suite, cases=suite.cases + tuple(added),
        generated=suite.generated + tuple(range(first, first + len(added))))
    return dataclasses.replace(task, tests=new_suite)


# ----------------------------------------------------------------------------- deriving


def _derive(suite: CallSuite, reference: str, others: list[str], options: AugmentOptions,
            rng: random.Random) -> Augmentation:
    given = [list(c.args) for c in suite.cases]
    need = max(0, options.target_hidden - hidden_count(suite))
    tried, kept_total = 0, 0
    added: list[CallCase] = []
    for round_size in (options.candidates, 2 * options.candidates):  # a second, larger round if short
        candidates = mutate_inputs(given + [list(c.args) for c in added], round_size, rng)
        if not candidates:
            break
        tried += len(candidates)
        outcome = _survivors(suite, given, candidates, reference, others, options)
        if isinstance(outcome, Augmentation):
            return outcome
        kept_total += len(outcome)
        added += outcome[: need - len(added)]
        if len(added) >= need:
            break
    if not added:
        why = f"none of {tried} derived inputs survived the checks" if tried else "no new input could be derived"
        return Augmentation(NOTHING_KEPT, detail=why)
    return Augmentation(AUGMENTED, added, detail=f"{kept_total} of {tried} derived inputs usable")


def _survivors(suite: CallSuite, given: list[list[Any]], candidates: list[list[Any]], reference: str,
               others: list[str], options: AugmentOptions) -> list[CallCase] | Augmentation:
    """The candidates that pass every check, as cases; or why the reference cannot be used."""
    probe = _probe_suite(suite, given + candidates + candidates)
    run = returned_values(reference, probe, options.limits)
    if run.failure is not None:
        return Augmentation(REFERENCE_FAILS, detail=f"the reference did not load: {run.failure}")
    n, m = len(given), len(candidates)
    wrong = [i for i in range(n) if not _passes(run.cases[i], suite.cases[i].expected)]
    if wrong:
        return Augmentation(REFERENCE_FAILS, detail=f"the reference fails given case(s) {wrong[:5]}")
    kept: dict[int, Any] = {}
    for j in range(m):
        first, second = run.cases[n + j], run.cases[n + m + j]
        value = _plain(first.value) if first.status == RETURNED else _UNUSABLE
        if value is _UNUSABLE or second.status != RETURNED or not values_equal(_plain(second.value), value):
            continue  # raised, hung, returned something unplain, or not deterministic
        if first.seconds is None or first.seconds > options.max_reference_s:
            continue
        kept[j] = value
    for other in others:
        if not kept:
            break
        kept = _agreed(suite, given, candidates, kept, other, options)
    return [CallCase(tuple(candidates[j]), kept[j]) for j in sorted(kept)]


def _agreed(suite: CallSuite, given: list[list[Any]], candidates: list[list[Any]],
            kept: dict[int, Any], other: str, options: AugmentOptions) -> dict[int, Any]:
    """``kept`` minus the inputs on which ``other`` (if it passes every given case) disagrees."""
    order = sorted(kept)
    run = returned_values(other, _probe_suite(suite, given + [candidates[j] for j in order]),
                          options.limits)
    n = len(given)
    if run.failure is not None or not all(_passes(run.cases[i], suite.cases[i].expected) for i in range(n)):
        return kept  # not a correct solution: its opinion does not count
    agreed = {}
    for position, j in enumerate(order):
        outcome = run.cases[n + position]
        if outcome.status == RETURNED and values_equal(_plain(outcome.value), kept[j]):
            agreed[j] = kept[j]
    return agreed


def _probe_suite(suite: CallSuite, inputs: list[list[Any]]) -> CallSuite:
    return CallSuite(fn_name=suite.fn_name, class_name=suite.class_name, preamble=suite.preamble,
                     cases=tuple(CallCase(tuple(a), None) for a in inputs))


def _passes(outcome: Returned, expected: Any) -> bool:
    return outcome.status == RETURNED and call_result_matches(_plain(outcome.value), expected)


class _Unusable:
    pass


_UNUSABLE: Any = _Unusable()


def _plain(value: Any) -> Any:
    """A returned value as plain data an expected output can hold, or ``_UNUSABLE``: tagged tuples
    become lists (as given expected outputs have them); sets, objects, non-finite floats do not."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        return _UNUSABLE if any(v is _UNUSABLE for v in items) else items
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return _plain(value["__tuple__"])
        if set(value) == {"__dict__"} and isinstance(value["__dict__"], list):
            pairs = value["__dict__"]
            if all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pairs):
                return _plain({p[0]: p[1] for p in pairs})
            return _UNUSABLE
        if any(k.startswith("__") and k.endswith("__") for k in value):
            return _UNUSABLE
        items_ = {k: _plain(v) for k, v in value.items()}
        return _UNUSABLE if any(v is _UNUSABLE for v in items_.values()) else items_
    return _UNUSABLE


# ----------------------------------------------------------------------------- cache


def _cache_key(suite: CallSuite, reference: str, others: list[str], options: AugmentOptions) -> str:
    content = {
        "version": FORMAT_VERSION, "fn_name": suite.fn_name, "class_name": suite.class_name,
        "preamble": suite.preamble, "visible": sorted(set(suite.visible)),
        "cases": [[list(c.args), c.expected] for c in suite.cases],
        "reference": reference, "others": others, "seed": options.seed,
        "min_hidden": options.min_hidden, "target_hidden": options.target_hidden,
        "candidates": options.candidates, "max_reference_s": options.max_reference_s,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=repr).encode()).hexdigest()


def _rng(seed: int, key: str) -> random.Random:
    return random.Random(f"{seed}:{key}")


def _read_cache(options: AugmentOptions, key: str) -> Augmentation | None:
    directory = options.cache_path()
    if directory is None:
        return None
    try:
        data = json.loads((directory / f"{key}.json").read_text("utf-8"))
        return Augmentation.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(options: AugmentOptions, key: str, augmentation: Augmentation) -> None:
    directory = options.cache_path()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(augmentation.to_dict()), "utf-8")
        temporary.replace(directory / f"{key}.json")
    except OSError:
        pass  # a read-only cache costs time, not results
