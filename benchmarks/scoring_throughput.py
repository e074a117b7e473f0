"""Scoring throughput: realcode's batch scorer against a naive per-sample pipeline, side by side.

Batches are drawn from SecCodePLT+ (patched and vulnerable solutions) and SafeSQL (reference
solutions), with malformed completions mixed in (no code, syntax errors, truncated fences, an
infinite loop). The naive pipeline is what public RL code does per completion: sequentially, one
analyzer process per analyzer per completion and a cold interpreter per test run (SafeSQL's
database rebuilt for every case). Both run in the same sandbox and must reach identical verdicts.

    python benchmarks/scoring_throughput.py --data ../shared/data [--size 256] [--naive-size 256]

Prints completions/second, the ratio, verdict agreement, the cache's second pass, and how time
grows with batch size and workers.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from realcode.analysis import Program, get_analyzer
from realcode.benchmarks import Task, load_benchmark
from realcode.code import extract_code
from realcode.execution.limits import Limits
from realcode.execution.runners import run_tests
from realcode.scoring import Scorer, ScoringConfig
from realcode.scoring.scorer import compiles

LIMITS = Limits(wall_s=20.0, case_timeout_s=2.0)
MALFORMED = (
    "I am sorry, I cannot write that program.",
    "```python\nYOUR_CODE_HERE\n```",
    "```python\ndef broken(:\n    return\n```",
    "```python\nimport sqlite3\nconn = sqlite3.connect(\n",
    "```python\nprint(undefined_name)\n```",
)
# No hostile programs here: one costs its fixed timeout in either pipeline and only adds noise;
# that a hostile sample costs only its own timeout is tested in tests/test_scoring.py.


@dataclass
class Batch:
    name: str
    tasks: list[Task]
    completions: list[str]


def draw_batch(name: str, data: str, size: int, seed: int) -> Batch:
    tasks = load_benchmark(name, data).tasks
    kinds = ("patched", "vulnerable") if name == "seccodeplt" else ("reference",)
    pool = [(t, f"```python\n{t.solutions[k]}\n```") for t in tasks for k in kinds if k in t.solutions]
    rng = random.Random(seed)
    rng.shuffle(pool)
    malformed = max(size // 16, 1)
    chosen = pool[: size - malformed]
    chosen += [(rng.choice(tasks), MALFORMED[i % len(MALFORMED)]) for i in range(malformed)]
    while len(chosen) < size:  # larger than the split: repeat (as GRPO groups do)
        chosen.append(rng.choice(pool))
    rng.shuffle(chosen)
    return Batch(name, [t for t, _ in chosen], [c for _, c in chosen])


def verdicts_ours(batch: Batch, config: ScoringConfig) -> tuple[list[tuple[bool, bool]], float]:
    with Scorer(config) as scorer:
        scorer.score_many(batch.tasks[:1], [batch.completions[0]])  # start the warm workers
        started = time.perf_counter()
        scores = scorer.score_many(batch.tasks, batch.completions)
        elapsed = time.perf_counter() - started
    return [(s.function_passed, s.quality_passed) for s in scores], elapsed


def verdict_naive(task: Task, completion: str, quality: Sequence[str], extra: Sequence[str]) -> tuple[bool, bool]:
    code = extract_code(completion).code
    if code is None or not compiles(code)[0]:
        return False, False
    program = Program(code, "p.py", task.analysis_prefix)
    findings = {name: get_analyzer(name).analyze_many([program])[0]  # one process per analyzer
                for name in dict.fromkeys((*quality, *extra))}
    report = run_tests(code, task.tests, LIMITS, None, process_per_case=True)
    return report.function_passed, not any(findings[name] for name in quality)


def verdicts_naive(batch: Batch, quality: Callable[[Task], tuple[str, ...]],
                   extra: Sequence[str]) -> tuple[list[tuple[bool, bool]], float]:
    started = time.perf_counter()
    out = [verdict_naive(t, c, quality(t), extra) for t, c in zip(batch.tasks, batch.completions, strict=True)]
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("REALCODE_DATA_DIR", "../shared/data"))
    parser.add_argument("--size", type=int, default=256, help="completions per benchmark batch")
    parser.add_argument("--naive-size", type=int, default=256,
                        help="how many of them the naive pipeline scores (its rate is per completion)")
    parser.add_argument("--scaling", default="64,256,1024", help="batch sizes for the growth table")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--no-growth", action="store_true", help="skip the batch-size and worker tables")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    cpus = os.cpu_count() or 1
    print(f"machine: {cpus} cores; limits: wall {LIMITS.wall_s}s, case {LIMITS.case_timeout_s}s\n")

    rows = []
    for name in ("seccodeplt", "safesql"):
        batch = draw_batch(name, args.data, args.size, args.seed)
        with tempfile.TemporaryDirectory() as tmp:
            config = ScoringConfig(limits=LIMITS, cache_path=str(Path(tmp) / "cache.sqlite"))
            ours, ours_s = verdicts_ours(batch, config)
            with Scorer(config) as scorer:  # second pass over the same completions
                started = time.perf_counter()
                again = scorer.score_many(batch.tasks, batch.completions)
                cached_s = time.perf_counter() - started
                hit_rate = scorer.cache.hits / max(scorer.cache.hits + scorer.cache.misses, 1) if scorer.cache else 0.0
        same_cached = sum(v == (s.function_passed, s.quality_passed) for v, s in zip(ours, again, strict=True))
        row = {"name": name, "n": len(batch.completions), "ours_s": ours_s, "cached_s": cached_s,
               "hit": hit_rate, "same_cached": same_cached}
        if not args.skip_naive:
            n = min(args.naive_size, len(batch.completions))
            sub = Batch(name, batch.tasks[:n], batch.completions[:n])
            scorer = Scorer(ScoringConfig(limits=LIMITS))
            naive, naive_s = verdicts_naive(sub, scorer.quality_analyzers_for, scorer.config.extra_analyzers)
            scorer.close()
            disagree = [i for i in range(n) if naive[i] != ours[i]]
            row.update({"naive_n": n, "naive_s": naive_s, "agree": n - len(disagree), "disagree": disagree[:5]})
        rows.append(row)
        print(f"{name}: done", file=sys.stderr)

    print(f"{'batch':<12}{'n':>6}{'ours c/s':>10}{'naive c/s':>11}{'ratio':>8}{'agree':>12}"
          f"{'2nd pass c/s':>14}{'speed-up':>10}{'hit rate':>10}")
    for r in rows:
        ours_rate = r["n"] / r["ours_s"]
        cached_rate = r["n"] / r["cached_s"]
        naive = f"{r['naive_n'] / r['naive_s']:11.2f}" if "naive_s" in r else f"{'-':>11}"
        ratio = f"{ours_rate / (r['naive_n'] / r['naive_s']):7.1f}x" if "naive_s" in r else f"{'-':>8}"
        agree = f"{r['agree']}/{r['naive_n']}" if "naive_s" in r else "-"
        print(f"{r['name']:<12}{r['n']:>6}{ours_rate:10.2f}{naive}{ratio}{agree:>12}"
              f"{cached_rate:14.1f}{r['ours_s'] / r['cached_s']:9.0f}x{r['hit']:10.2f}")
        if r.get("disagree"):
            print(f"  disagreements (first indices): {r['disagree']}")

    if args.no_growth:
        return
    print("\ngrowth with batch size (SecCodePLT+ and SafeSQL mixed, all workers):")
    print(f"{'completions':>12}{'seconds':>10}{'c/s':>8}")
    for size in [int(s) for s in args.scaling.split(",") if s]:
        half = size // 2
        a, b = draw_batch("seccodeplt", args.data, half, args.seed + 1), draw_batch("safesql", args.data, size - half, args.seed + 1)
        mixed = Batch("mixed", a.tasks + b.tasks, a.completions + b.completions)
        _, seconds = verdicts_ours(mixed, ScoringConfig(limits=LIMITS))
        print(f"{size:>12}{seconds:10.1f}{size / seconds:8.1f}")

    print("\ngrowth with workers (256 mixed completions):")
    print(f"{'workers':>8}{'seconds':>10}{'c/s':>8}")
    a, b = draw_batch("seccodeplt", args.data, 128, args.seed + 2), draw_batch("safesql", args.data, 128, args.seed + 2)
    mixed = Batch("mixed", a.tasks + b.tasks, a.completions + b.completions)
    for workers in sorted({1, cpus, 2 * cpus}):
        _, seconds = verdicts_ours(mixed, ScoringConfig(limits=LIMITS, workers=workers))
        print(f"{workers:>8}{seconds:10.1f}{256 / seconds:8.1f}")


if __name__ == "__main__":
    main()
