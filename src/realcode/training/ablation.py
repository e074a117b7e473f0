"""REAL's reward ablation (its Table 4) at a scale one machine runs: the arms, the task set and the
summary. The orchestration (pretraining, SFT, GRPO per arm, evaluation) is
``benchmarks/learning_effect.py``; this module holds what it decides."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from realcode.benchmarks import Task
from realcode.scoring import Scorer


@dataclass(frozen=True)
class Arm:
    """One GRPO run of the ablation: a reward by name (``realcode.rewards.make_reward``) and its alpha."""

    reward: str
    alpha: float
    description: str


ARMS: dict[str, Arm] = {
    "hybrid": Arm("hybrid", 0.5, "REAL's hybrid reward, alpha 0.5"),
    "function": Arm("function", 0.5, "function only: 1 when every unit test passes"),
    # REAL's detector reward alone: the hybrid formula with alpha 1 (quality for any runnable program)
    "quality": Arm("hybrid", 1.0, "quality only: REAL's hybrid with alpha 1"),
    "default": Arm("realcode", 0.5, "realcode's default (gated) reward, alpha 0.5"),
}

METRICS = ("function", "quality", "function_quality", "trivial")


def discriminating_tasks(tasks: Sequence[Task], scorer: Scorer, count: int, pool: int) -> list[Task]:
    """Up to ``count`` tasks whose labeled pair tells function from quality: the patched solution
    passes both, the vulnerable one passes function and fails quality. Candidates are the ``pool``
    tasks with the shortest pair of solutions (a small model writes short programs)."""
    paired = [t for t in tasks if t.solutions.get("patched") and t.solutions.get("vulnerable")]
    paired.sort(key=lambda t: (len(t.solutions["patched"]) + len(t.solutions["vulnerable"]), t.id))
    candidates = paired[:pool]
    scores = scorer.score_many([*candidates, *candidates],
                               [t.solutions["patched"] for t in candidates]
                               + [t.solutions["vulnerable"] for t in candidates])
    patched, vulnerable = scores[:len(candidates)], scores[len(candidates):]
    kept = [task for task, good, bad in zip(candidates, patched, vulnerable, strict=True)
            if good.function_passed and good.quality_passed and bad.function_passed and not bad.quality_passed]
    return round_robin_by_cwe(kept)[:count]


def round_robin_by_cwe(tasks: Sequence[Task]) -> list[Task]:
    """The tasks reordered so that CWEs take turns (each CWE's tasks keep their order): a short
    prefix of the result covers as many weaknesses as it can."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.cwe or "", []).append(task)
    queues = list(groups.values())
    return [queue[i] for i in range(max(map(len, queues), default=0)) for queue in queues if i < len(queue)]


def spread(values: Sequence[Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Mean and sample standard deviation (0 for one seed) of each metric over seeds."""
    keys = [k for k in values[0] if all(k in v for v in values)]
    return {
        "mean": {k: statistics.fmean(v[k] for v in values) for k in keys},
        "std": {k: statistics.stdev([v[k] for v in values]) if len(values) > 1 else 0.0 for k in keys},
    }


def summary(start: Sequence[Mapping[str, float]], runs: Mapping[str, Sequence[Mapping[str, float]]],
            **extra: Any) -> dict[str, Any]:
    """``{"start": M, "runs": {arm: M}}`` with M the mean over seeds, plus the spread per seed
    (``std``), the per-seed values (``per_seed``) and whatever else the caller records."""
    start_spread = spread(start)
    run_spread = {arm: spread(values) for arm, values in runs.items()}
    return {
        "start": start_spread["mean"],
        "runs": {arm: s["mean"] for arm, s in run_spread.items()},
        "std": {"start": start_spread["std"], "runs": {arm: s["std"] for arm, s in run_spread.items()}},
        "per_seed": {"start": [dict(v) for v in start], "runs": {arm: [dict(v) for v in vs] for arm, vs in runs.items()}},
        "arms": {arm: {"reward": a.reward, "alpha": a.alpha, "description": a.description}
                 for arm, a in ARMS.items() if arm in runs},
        **extra,
    }
