"""Bootstrap intervals checked against closed-form binomial intervals; paired tests; reward bins."""

from __future__ import annotations

import math
from typing import Any

import pytest

from realcode.evaluation.metrics import summarize
from realcode.evaluation.statistics import (
    bootstrap_interval,
    paired_comparison,
    rate_intervals,
    reward_bin,
    reward_distribution,
    sign_test,
    wilson_interval,
)


def _records(successes: int, n: int, per_task: int = 1) -> list[dict[str, Any]]:
    return [{"task_id": f"t{i // per_task}", "function_passed": i < successes, "quality_passed": True}
            for i in range(n)]


@pytest.mark.parametrize(("successes", "n"), [(60, 200), (120, 400), (18, 25), (950, 1000)])
def test_bootstrap_matches_wilson_on_independent_samples(successes: int, n: int) -> None:
    low, high = bootstrap_interval(_records(successes, n), lambda r: float(r["function_passed"]),
                                   resamples=20000) or (0.0, 0.0)
    w_low, w_high = wilson_interval(successes, n)
    width = w_high - w_low
    # percentile bootstrap and Wilson agree to a small fraction of the interval's width
    assert abs(low - w_low) < 0.12 * width + 2 / n and abs(high - w_high) < 0.12 * width + 2 / n


def test_wilson_interval_solves_the_score_equation() -> None:
    # Wilson's bounds are the roots p of (x/n - p)^2 = z^2 p (1 - p) / n, solved here as a quadratic
    z, x, n = 1.959963984540054, 60, 200
    a, b, c = 1 + z * z / n, -(2 * x / n + z * z / n), (x / n) ** 2
    roots = sorted(((-b - s * math.sqrt(b * b - 4 * a * c)) / (2 * a)) for s in (1, -1))
    assert wilson_interval(x, n) == pytest.approx(tuple(roots), abs=1e-12)
    assert (round(roots[0], 4), round(roots[1], 4)) == (0.2407, 0.3668)
    assert wilson_interval(0, 10)[0] == pytest.approx(0.0, abs=1e-12)
    assert wilson_interval(10, 10)[1] == pytest.approx(1.0, abs=1e-12)


def test_cluster_bootstrap_widens_with_correlated_samples() -> None:
    # the same 0.3 rate, but each task's 5 samples all agree: effectively 40 tasks, not 200 samples
    correlated = [{"task_id": f"t{i // 5}", "function_passed": (i // 5) < 12} for i in range(200)]
    independent = _records(60, 200)
    wide = bootstrap_interval(correlated, lambda r: float(r["function_passed"]))
    narrow = bootstrap_interval(independent, lambda r: float(r["function_passed"]))
    assert wide and narrow and (wide[1] - wide[0]) > 1.8 * (narrow[1] - narrow[0])


def test_summary_intervals_cover_the_rates_and_skip_not_applicable() -> None:
    records = [{"task_id": f"t{i}", "function_passed": i % 3 == 0, "quality_passed": True, "compiles": True,
                "safety_passed": None} for i in range(30)]
    summary = summarize(records, intervals=True)
    low, high = summary["intervals"]["function"]
    assert low <= summary["function"] <= high and "safety" not in summary["intervals"]
    assert set(rate_intervals(records)) >= {"function", "quality", "function_quality"}


def test_sign_test_exact_values() -> None:
    assert sign_test(5, 0) == pytest.approx(2 / 32)
    assert sign_test(10, 2) == pytest.approx(2 * sum(math.comb(12, i) for i in range(3)) / 2**12)
    assert sign_test(0, 0) == 1.0 and sign_test(4, 4) == 1.0


def test_paired_comparison_on_common_tasks() -> None:
    a = [{"task_id": t, "function_passed": ok, "quality_passed": True} for t, ok in
         (("x", True), ("y", False), ("z", False), ("only-a", True))]
    b = [{"task_id": t, "function_passed": ok, "quality_passed": True} for t, ok in
         (("x", False), ("y", True), ("z", True), ("only-b", True))]
    result = paired_comparison(a, b, "function")
    assert (result.common_tasks, result.only_a, result.only_b) == (3, 1, 1) and result.task_sets_differ
    assert result.better == ["y", "z"] and result.worse == ["x"]
    assert result.mean_a == pytest.approx(1 / 3) and result.mean_b == pytest.approx(2 / 3)
    assert result.sign_test_p == pytest.approx(1.0)


def test_reward_bins() -> None:
    assert [reward_bin(v) for v in (-1.0, 0.0, 0.1, 0.2, 0.6, 0.99, 1.0, 1.5)] == [
        "< 0", "= 0", "(0, 0.2)", "[0.2, 0.4)", "[0.6, 0.8)", "[0.8, 1)", "= 1", "> 1"]
    counts = reward_distribution([0.0, 0.0, 1.0, 0.5])
    assert counts["= 0"] == 2 and counts["= 1"] == 1 and counts["[0.4, 0.6)"] == 1 and sum(counts.values()) == 4
