"""Batch scoring: duplicates scored once, a persistent cache, and a batch that always returns."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import realcode.scoring.scorer as scorer_module
from realcode.benchmarks.starter import starter_tasks
from realcode.execution.limits import Limits
from realcode.scoring import Scorer, ScoringConfig

LIMITS = Limits(wall_s=10, case_timeout_s=1.0)


@pytest.fixture
def counted_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every program the scorer sends to the sandbox (the real runner still runs it)."""
    seen: list[str] = []
    real = scorer_module.run_tests

    def counting(program, suite, limits=None, pool=None):  # type: ignore[no-untyped-def]
        seen.append(program)
        return real(program, suite, limits, pool)

    monkeypatch.setattr(scorer_module, "run_tests", counting)
    return seen


def test_identical_programs_in_a_batch_run_once(counted_runs: list[str]) -> None:
    task = next(t for t in starter_tasks() if t.id == "typed-binary-search")
    reference = task.solutions["reference"]
    completions = [f"```python\n{reference}```", f"Here you go:\n```python\n{reference}```\nDone.",
                   f"```python\n{reference}```", f"```python\n{task.solutions['flawed']}```"]
    with Scorer(ScoringConfig(limits=LIMITS)) as scorer:
        scores = scorer.score_many([task] * 4, completions, [0, 1, 2, 3])
    assert len(counted_runs) == 2
    assert [s.sample_index for s in scores] == [0, 1, 2, 3]
    assert [s.function_passed for s in scores] == [True, True, True, True]
    assert [s.quality_passed for s in scores] == [True, True, True, False]


def test_second_pass_is_answered_from_the_cache(tmp_path: Path, counted_runs: list[str]) -> None:
    tasks = starter_tasks()[:6]
    completions = [f"```python\n{t.solutions['flawed']}```" for t in tasks]
    config = ScoringConfig(limits=LIMITS, cache_path=str(tmp_path / "cache.sqlite"))
    with Scorer(config) as scorer:
        first = scorer.score_many(tasks, completions)
    assert len(counted_runs) == 6
    with Scorer(config) as scorer:  # a new process would see the same file
        second = scorer.score_many(tasks, completions)
        assert scorer.cache is not None and scorer.cache.hits == 6
    assert len(counted_runs) == 6
    assert [s.to_dict() for s in second] == [s.to_dict() for s in first]


def test_cache_key_follows_tests_and_limits(tmp_path: Path, counted_runs: list[str]) -> None:
    task = starter_tasks()[0]
    completion = f"```python\n{task.solutions['reference']}```"
    path = str(tmp_path / "cache.sqlite")
    with Scorer(ScoringConfig(limits=LIMITS, cache_path=path)) as scorer:
        scorer.score_many([task], [completion])
    with Scorer(ScoringConfig(limits=Limits(wall_s=9, case_timeout_s=1.0), cache_path=path)) as scorer:
        scorer.score_many([task], [completion])
    assert len(counted_runs) == 2


def test_a_batch_returns_by_its_deadline_with_failed_samples_marked() -> None:
    task = next(t for t in starter_tasks() if t.id == "typed-binary-search")
    slow = "```python\nimport time\ntime.sleep(30)\n```"
    good = f"```python\n{task.solutions['reference']}```"
    config = ScoringConfig(limits=Limits(wall_s=30, case_timeout_s=30), batch_deadline_s=2.0, workers=2)
    started = time.monotonic()
    with Scorer(config) as scorer:
        scores = scorer.score_many([task] * 2, [good, slow])
    assert time.monotonic() - started < 10
    assert scores[0].function_passed
    assert scores[1].status == "timeout" and scores[1].errors


def test_a_warm_scorer_keeps_its_workers_across_steps(tmp_path: Path) -> None:
    """The TRL and VeRL adapters hold one Scorer: its pool, oracles and timings outlive a step."""
    task = next(t for t in starter_tasks() if t.id == "typed-binary-search")
    completion = f"```python\n{task.solutions['reference']}```"
    config = ScoringConfig(limits=LIMITS, calibration_cache=str(tmp_path))
    with Scorer(config) as scorer:
        first = scorer.score_many([task], [completion])[0]
        pool = scorer.pool
        second = scorer.score_many([task], [completion + "\n"])[0]
        assert scorer.pool is pool and scorer.calibrator.measured == 1
    for score in (first, second):
        assert score.function_passed
        report = score.test_report
        assert report is not None and report.limits is not None and report.limits["calibrated"]
        assert all(LIMITS.time_floor_s <= s <= LIMITS.case_timeout_s for s in report.limits["case_s"])


def test_calibration_off_reports_the_fixed_limits(tmp_path: Path) -> None:
    task = next(t for t in starter_tasks() if t.id == "typed-binary-search")
    limits = Limits(wall_s=10, case_timeout_s=1.0, calibrate=False)
    with Scorer(ScoringConfig(limits=limits, calibration_cache=str(tmp_path))) as scorer:
        score = scorer.score(task, f"```python\n{task.solutions['reference']}```")
        assert scorer.calibrator.measured == 0
    assert score.test_report is not None and score.test_report.limits is not None
    assert not score.test_report.limits["calibrated"] and set(score.test_report.limits["case_s"]) == {1.0}


def test_batches_hand_the_interpreter_lock_over_often_and_restore_the_interval() -> None:
    from realcode.scoring.scorer import _responsive_threads

    before = sys.getswitchinterval()
    with _responsive_threads(0.0005):
        assert sys.getswitchinterval() == pytest.approx(0.0005)
        with _responsive_threads(0.0005):  # a second batch in flight in another thread
            pass
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    assert sys.getswitchinterval() == before
