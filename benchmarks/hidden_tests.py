"""Tests the prompt shows, before and after augmentation, on a call-suite benchmark (APPS+ by default).

Measures, over every task:
- tests per task given / shown by the prompt / hidden, before and after ``--augment-tests``;
- the reference solutions' pass rate on hidden tests (given and derived);
- a held-out correct solution's pass rate on the derived tests (one the differential check did not
  consult, and that passes every given test): how often a derived test would fail a correct program;
- the example-lookup program (answers the shown inputs from a table): function verdict, function
  pass rate and REAL's hybrid reward (alpha 0.5, the benchmark's quality analyzers), without and with
  augmentation.

    python benchmarks/hidden_tests.py --data ../shared/data [--benchmark apps_plus] [--limit N]
        [--cache DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from typing import Any

from realcode.benchmarks import Task, load_benchmark
from realcode.benchmarks.augment import AugmentOptions, augment_tasks, hidden_count
from realcode.benchmarks.visibility import example_lookup_program
from realcode.execution.returned import RETURNED, returned_values
from realcode.execution.runners import call_result_matches
from realcode.execution.suites import CallSuite
from realcode.rewards import HybridReward
from realcode.scoring import Scorer, ScoringConfig
from realcode.scoring.score import Score


def _suite(task: Task) -> CallSuite:
    assert isinstance(task.tests, CallSuite)
    return task.tests


def _spread(values: Sequence[int]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values),
            "mean": round(statistics.mean(values), 2)}


def test_counts(tasks: Sequence[Task]) -> dict[str, Any]:
    suites = [_suite(t) for t in tasks]
    hidden = [hidden_count(s) for s in suites]
    return {
        "tests": _spread([len(s.cases) for s in suites]),
        "shown": _spread([len(set(s.visible)) for s in suites]),
        "hidden": _spread(hidden),
        "derived": _spread([len(s.generated) for s in suites]),
        "tasks_all_shown": sum(h == 0 for h in hidden),
        "tasks_under_5_hidden": sum(h < 5 for h in hidden),
    }


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def score_programs(scorer: Scorer, tasks: Sequence[Task], programs: Sequence[str | None]) -> list[Score]:
    usable = [i for i, p in enumerate(programs) if p is not None]
    scores = scorer.score_many([tasks[i] for i in usable], [programs[i] for i in usable])
    found: dict[int, Score] = dict(zip(usable, scores, strict=True))
    return [found[i] for i in usable]


def lookup_rewards(scorer: Scorer, tasks: Sequence[Task]) -> dict[str, Any]:
    programs = [example_lookup_program(t) for t in tasks]
    scores = score_programs(scorer, tasks, programs)
    reward = HybridReward(alpha=0.5)
    return {
        "programs": len(scores),
        "function_passed": _mean([float(s.function_passed) for s in scores]),
        "function_pass_rate": _mean([s.function_pass_rate for s in scores]),
        "visible_pass_rate": _mean([s.test_report.visible_pass_rate or 0.0 for s in scores
                                    if s.test_report is not None]),
        "hybrid_reward": _mean([reward(s).value for s in scores]),
        "judged_on_shown_only": sum(s.test_report is not None and s.test_report.visibility == "all_visible"
                                    for s in scores),
    }


def reference_on_hidden(scorer: Scorer, tasks: Sequence[Task]) -> dict[str, Any]:
    programs = [t.solutions.get("reference") for t in tasks]
    scores = score_programs(scorer, tasks, programs)
    with_hidden = [s for s in scores if s.test_report is not None and s.test_report.hidden_pass_rate is not None]
    failing = [s.task_id for s in with_hidden if (s.test_report.hidden_pass_rate or 0) < 1.0]  # type: ignore[union-attr]
    return {
        "references": len(scores),
        "with_hidden_tests": len(with_hidden),
        "hidden_pass_rate": _mean([s.test_report.hidden_pass_rate or 0.0 for s in with_hidden]),  # type: ignore[union-attr]
        "all_hidden_passed": sum(s.task_id not in failing for s in with_hidden),
        "function_passed": _mean([float(s.function_passed) for s in scores]),
        "failing_tasks": failing,
    }


def held_out_on_derived(tasks: Sequence[Task], consulted: int) -> dict[str, Any]:
    """A solution the differential check did not consult, on the derived tests of tasks where it
    passes every given test."""
    checked, cases, passed, tasks_all = 0, 0, 0, 0
    for task in tasks:
        suite = _suite(task)
        others = task.context.get("other_solutions") or []
        if not suite.generated or len(others) <= consulted:
            continue
        run = returned_values(others[consulted], suite)
        if run.failure is not None:
            continue
        ok = [c.status == RETURNED and call_result_matches(c.value, case.expected)
              for c, case in zip(run.cases, suite.cases, strict=True)]
        given = [ok[i] for i in range(len(suite.cases)) if i not in set(suite.generated)]
        if not all(given):
            continue  # not a correct solution by the given tests
        derived = [ok[i] for i in suite.generated]
        checked += 1
        cases += len(derived)
        passed += sum(derived)
        tasks_all += all(derived)
    return {"tasks": checked, "derived_cases": cases, "derived_pass_rate": _mean([passed / cases] if cases else []),
            "tasks_passing_all_derived": tasks_all}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", required=True)
    parser.add_argument("--benchmark", default="apps_plus")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cache", help="augmentation cache folder (default ~/.cache/realcode/augment)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", help="write the measurements here")
    args = parser.parse_args(argv)

    before = [t for t in load_benchmark(args.benchmark, args.data, limit=args.limit).tasks
              if isinstance(t.tests, CallSuite)]
    options = AugmentOptions(seed=args.seed, cache_dir=args.cache)
    started = time.monotonic()
    after, outcomes = augment_tasks(before, options, workers=args.workers)
    augment_s = time.monotonic() - started
    result: dict[str, Any] = {
        "tasks": len(before), "augment_seconds": round(augment_s, 1), "outcomes": dict(outcomes),
        "before": test_counts(before), "after": test_counts(after),
    }
    with Scorer(ScoringConfig(workers=args.workers)) as scorer:
        result["reference_before"] = reference_on_hidden(scorer, before)
        result["reference_after"] = reference_on_hidden(scorer, after)
        result["lookup_before"] = lookup_rewards(scorer, before)
        result["lookup_after"] = lookup_rewards(scorer, after)
    result["held_out_solution"] = held_out_on_derived(after, options.agreeing_solutions)
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
