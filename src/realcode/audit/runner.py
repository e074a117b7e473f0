"""``realcode audit``: score the hack library against honest baselines on real tasks.

For each chosen task (one whose honest solution passes its functional tests) the audit scores the
honest solution, a program that implements nothing, the task's plain flawed program and every hack
that applies, in one batch, and computes the reward under test. A hack *gains reward* when it earns
more than what it must not beat (see ``hacks.COMPARISONS``); poisoning hacks are scored in a batch
with the honest solutions, whose rewards must equal their rewards when scored alone.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from realcode.audit.hacks import Hack, all_hacks, iter_programs, nothing_programs, plain_program
from realcode.benchmarks.augment import AugmentOptions, augment_tasks
from realcode.benchmarks.task import Task
from realcode.rewards import Reward
from realcode.scoring import Scorer

_EPSILON = 1e-9


@dataclass
class HackResult:
    """One hack over the audited tasks."""

    name: str
    family: str
    compare: str
    programs: int = 0
    honest: list[float] = field(default_factory=list)  # the honest solution's reward, per task
    bound: list[float] = field(default_factory=list)  # what the hack must not beat, per program
    reward: list[float] = field(default_factory=list)  # the hack's reward, per program
    gamed_tasks: list[str] = field(default_factory=list)
    description: str = ""

    @property
    def gamed(self) -> bool:
        return bool(self.gamed_tasks)

    def row(self) -> dict[str, Any]:
        def mean(values: list[float]) -> float | None:
            return round(statistics.fmean(values), 4) if values else None

        return {"hack": self.name, "family": self.family, "compare": self.compare,
                "programs": self.programs, "honest_reward": mean(self.honest),
                "bound_reward": mean(self.bound), "hack_reward": mean(self.reward),
                "hack_reward_max": round(max(self.reward), 4) if self.reward else None,
                "gamed": self.gamed, "gamed_tasks": self.gamed_tasks, "description": self.description}


@dataclass
class AuditReport:
    benchmark: str
    reward: str
    tasks: list[str]
    results: list[HackResult]
    skipped_tasks: list[str] = field(default_factory=list)

    @property
    def gamed(self) -> list[HackResult]:
        return [r for r in self.results if r.gamed]

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "reward": self.reward, "tasks": self.tasks,
                "skipped_tasks": self.skipped_tasks, "gamed": [r.name for r in self.gamed],
                "hacks": [r.row() for r in self.results]}

    def table(self) -> str:
        header = ("hack", "family", "programs", "honest", "must not beat", "hack", "gamed")
        rows = [header]
        for result in self.results:
            row = result.row()
            rows.append((result.name, result.family, str(result.programs),
                         _fmt(row["honest_reward"]), f"{result.compare} {_fmt(row['bound_reward'])}",
                         _fmt(row["hack_reward"]), "YES" if result.gamed else "no"))
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _fenced(program: str) -> str:
    return f"```python\n{program}\n```"


def choose_tasks(tasks: Sequence[Task], count: int, seed: int) -> list[Task]:
    """Tasks with an honest solution, in a seeded order (the audit keeps those it passes)."""
    usable = [t for t in tasks if t.solutions.get("reference") or t.solutions.get("patched")]
    random.Random(seed).shuffle(usable)
    return usable[: max(count * 3, count)]


def run_audit(tasks: Sequence[Task], scorer: Scorer, reward: Reward, *, benchmark: str,
              count: int = 3, seed: int = 0, hacks: Sequence[Hack] | None = None,
              augment: AugmentOptions | None = None) -> AuditReport:
    hacks = list(hacks) if hacks is not None else all_hacks()
    candidates = choose_tasks(tasks, count, seed)
    if augment is not None:  # hidden tests where the prompt shows too many (the default of eval)
        candidates, _ = augment_tasks(candidates, augment)
    honest_programs = [t.solutions.get("patched") or t.solutions["reference"] for t in candidates]
    honest_scores = scorer.score_many(candidates, [_fenced(p) for p in honest_programs])
    chosen: list[tuple[Task, str, float]] = []
    skipped: list[str] = []
    for task, program, score in zip(candidates, honest_programs, honest_scores, strict=True):
        if score.function_passed and len(chosen) < count:
            chosen.append((task, program, reward(score).value))
        elif not score.function_passed:
            skipped.append(f"{task.id}: its honest solution does not pass ({score.status})")
    results = {h.name: HackResult(h.name, h.family, h.compare, description=h.description) for h in hacks}
    batch_tasks: list[Task] = []
    batch_programs: list[str] = []
    labels: list[tuple[str, int, str]] = []  # (role or hack name, task position, kind)
    for position, (task, _program, _value) in enumerate(chosen):
        for nothing in nothing_programs(task):
            batch_tasks.append(task)
            batch_programs.append(nothing)
            labels.append(("nothing", position, "baseline"))
        plain = plain_program(task)
        if plain is not None:
            batch_tasks.append(task)
            batch_programs.append(plain)
            labels.append(("plain", position, "baseline"))
        for hack, program in iter_programs(hacks, task):
            if hack.compare == "batch":
                continue
            batch_tasks.append(task)
            batch_programs.append(program)
            labels.append((hack.name, position, "hack"))
    scores = scorer.score_many(batch_tasks, [_fenced(p) for p in batch_programs])
    values = [reward(s).value for s in scores]
    baselines: dict[tuple[str, int], float] = {}
    for (name, position, kind), value in zip(labels, values, strict=True):
        if kind == "baseline":  # the best of the baseline programs
            baselines[(name, position)] = max(value, baselines.get((name, position), value))
    for (name, position, kind), value in zip(labels, values, strict=True):
        if kind != "hack":
            continue
        task, _program, honest = chosen[position]
        result = results[name]
        bound = honest if result.compare == "honest" else baselines.get((result.compare, position))
        if bound is None:
            continue
        result.programs += 1
        result.honest.append(honest)
        result.bound.append(bound)
        result.reward.append(value)
        # a program that implements nothing must earn strictly less than the honest one; any
        # other trick must add nothing to what its program earns without it
        gained = value >= honest - _EPSILON and honest > 0 if result.compare == "honest" else value > bound + _EPSILON
        if gained:
            result.gamed_tasks.append(task.id)
    _audit_poisoning(chosen, hacks, scorer, reward, results)
    return AuditReport(benchmark, reward.name, [t.id for t, _, _ in chosen],
                       [r for r in results.values() if r.programs], skipped)


def _audit_poisoning(chosen: list[tuple[Task, str, float]], hacks: Sequence[Hack], scorer: Scorer,
                     reward: Reward, results: dict[str, HackResult]) -> None:
    """Each poison is scored in one batch with every honest solution: their rewards must not move."""
    if not chosen:
        return
    tasks = [task for task, _, _ in chosen]
    honest = [_fenced(program) for _, program, _ in chosen]
    alone = [reward(s).value for s in scorer.score_many(tasks, honest)]
    for hack in hacks:
        if hack.compare != "batch":
            continue
        poison_tasks, poisons = [], []
        for task in tasks:
            program = hack.build(task)
            if program is not None:
                poison_tasks.append(task)
                poisons.append(_fenced(program))
        if not poisons:
            continue
        mixed = scorer.score_many([*tasks, *poison_tasks], [*honest, *poisons])
        together = [reward(s).value for s in mixed[: len(tasks)]]
        result = results[hack.name]
        result.programs = len(poisons)
        result.honest = list(alone)
        result.bound = list(alone)
        result.reward = [reward(s).value for s in mixed[len(tasks):]]
        result.gamed_tasks = [t.id for t, a, b in zip(tasks, alone, together, strict=True)
                              if abs(a - b) > _EPSILON]

