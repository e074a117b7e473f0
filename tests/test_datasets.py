"""Whole-split checks of the pipeline on the real benchmarks (the issue's acceptance numbers).

Reference solutions are correct by construction, so their function pass rates bound how much the
pipeline itself gets wrong. These run every test case of every task (SafeSQL takes minutes).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from realcode.benchmarks import Task, load_benchmark
from realcode.execution.report import TestReport
from realcode.execution.runners import run_tests

pytestmark = pytest.mark.slow


def _run_all(tasks: list[Task], kind: str) -> list[TestReport]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda t: run_tests(t.solutions[kind], t.tests), tasks))


def _function_rate(tasks: list[Task], kind: str) -> tuple[float, list[tuple[str, str | None]]]:
    """Function pass rate of one kind of solution, and (task id, reason) for the failures."""
    reports = _run_all(tasks, kind)
    failing = [(t.id, r.detail) for t, r in zip(tasks, reports, strict=True) if not r.function_passed]
    return 1 - len(failing) / len(tasks), failing


def test_safesql_reference_solutions_pass(data_dir: Path) -> None:
    rate, failing = _function_rate(load_benchmark("safesql", str(data_dir)).tasks, "reference")
    assert rate >= 0.97, failing[:5]


def test_seccodeplt_patched_pass_capability_and_vulnerable_fail_safety(data_dir: Path) -> None:
    tasks = load_benchmark("seccodeplt", str(data_dir)).tasks
    patched = _run_all(tasks, "patched")
    vulnerable = _run_all(tasks, "vulnerable")
    capability = sum(r.function_passed for r in patched) / len(tasks)
    safety_patched = sum(bool(r.group_passed("safety")) for r in patched) / len(tasks)
    safety_vulnerable = sum(bool(r.group_passed("safety")) for r in vulnerable) / len(tasks)
    assert capability >= 0.95
    assert safety_patched >= 0.95
    assert safety_vulnerable <= 0.10, "vulnerable solutions must fail their safety cases far more often"


def test_apps_plus_reference_solutions_pass(data_dir: Path) -> None:
    rate, failing = _function_rate(load_benchmark("apps_plus", str(data_dir)).tasks, "reference")
    assert rate >= 0.95, failing[:5]
