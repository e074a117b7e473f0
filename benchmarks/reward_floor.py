"""What doing nothing earns, next to correct programs, under REAL's hybrid reward and realcode's.

For every task of a benchmark it scores the dataset's correct solution (and its flawed one where it
has one) and a program that implements nothing (for stdin tasks: read the input, print nothing; for
function tasks: return None), then prints the mean reward of each under each reward, and how often
doing nothing earns at least as much as the correct program.

    python benchmarks/reward_floor.py --data ../shared/data --benchmarks safesql,seccodeplt,apps_plus
"""

from __future__ import annotations

import argparse
import statistics

from realcode.audit.hacks import nothing_programs, plain_program
from realcode.benchmarks import load_benchmark
from realcode.execution.limits import Limits
from realcode.rewards import make_reward
from realcode.scoring import Scorer, ScoringConfig

REWARDS = ("hybrid", "realcode")


def _fenced(program: str) -> str:
    return f"```python\n{program}\n```"


def measure(benchmark: str, data: str, limit: int | None, scorer: Scorer) -> list[tuple[str, ...]]:
    tasks = [t for t in load_benchmark(benchmark, data, limit=limit).tasks
             if t.solutions.get("patched") or t.solutions.get("reference")]
    roles: dict[str, list[str | None]] = {
        "correct": [t.solutions.get("patched") or t.solutions.get("reference") for t in tasks],
        "flawed": [p if p != (t.solutions.get("patched") or t.solutions.get("reference")) else None
                   for t, p in zip(tasks, (plain_program(t) for t in tasks), strict=True)],
        "nothing": [nothing_programs(t)[0] for t in tasks],
    }
    scores = {role: scorer.score_many(tasks, [_fenced(p) if p else None for p in programs])
              for role, programs in roles.items()}
    rows = []
    for name in REWARDS:
        reward = make_reward(name)
        values = {role: [reward(s).value if roles[role][i] else None for i, s in enumerate(found)]
                  for role, found in scores.items()}
        means = {role: statistics.fmean([v for v in vs if v is not None]) if any(v is not None for v in vs)
                 else None for role, vs in values.items()}
        ties = sum(1 for n, c in zip(values["nothing"], values["correct"], strict=True)
                   if n is not None and c is not None and n >= c)
        rows.append((benchmark, name, str(len(tasks)), _fmt(means["correct"]), _fmt(means["flawed"]),
                     _fmt(means["nothing"]), f"{ties}/{len(tasks)}"))
    return rows


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--benchmarks", default="safesql,seccodeplt,apps_plus")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    header = ("benchmark", "reward", "tasks", "correct", "flawed", "nothing", "nothing >= correct")
    rows = [header]
    with Scorer(ScoringConfig(limits=Limits(wall_s=10.0, case_timeout_s=2.0))) as scorer:
        for benchmark in args.benchmarks.split(","):
            rows += measure(benchmark, args.data, args.limit, scorer)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")


if __name__ == "__main__":
    main()
