"""Statistics a paper needs: bootstrap intervals on rates, a closed-form check, paired comparisons of
two runs, and reward distributions.

Samples of one task are not independent (the same prompt), so the bootstrap resamples *tasks* with
their samples (a cluster bootstrap); with one sample per task it is the ordinary bootstrap. The
Wilson interval is the closed-form binomial interval it is checked against.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Interval = tuple[float, float]
RecordTest = Callable[[dict[str, Any]], float | None]  # a sample's value; None: not counted

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240601


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a binomial proportion."""
    if n == 0:
        return (0.0, 0.0)
    z = _z(confidence)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def _z(confidence: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2)


def _clusters(records: Iterable[dict[str, Any]], value: RecordTest) -> list[tuple[float, int]]:
    """Per task: the sum of the counted samples' values and how many were counted."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for record in records:
        v = value(record)
        if v is None:
            continue
        cell = sums[str(record.get("task_id"))]
        cell[0] += float(v)
        cell[1] += 1
    return [(s, int(n)) for s, n in sums.values()]


def bootstrap_interval(records: Sequence[dict[str, Any]], value: RecordTest, confidence: float = 0.95,
                       resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> Interval | None:
    """Percentile interval of the mean of ``value`` over samples, resampling tasks."""
    import numpy as np  # matplotlib's dependency: always installed with realcode

    clusters = _clusters(records, value)
    if not clusters:
        return None
    sums = np.array([s for s, _ in clusters])
    counts = np.array([n for _, n in clusters], dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(clusters), size=(resamples, len(clusters)))
    means = sums[picks].sum(axis=1) / counts[picks].sum(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return (float(low), float(high))


def _flag(key: str) -> RecordTest:
    return lambda r: float(bool(r.get(key)))


def _joint(record: dict[str, Any]) -> float:
    return float(bool(record.get("function_passed")) and bool(record.get("quality_passed")))


def _safety(record: dict[str, Any]) -> float | None:
    value = record.get("safety_passed")
    return None if value is None else float(bool(value))


# The summary's rates and how each sample counts in them (the same definitions as metrics.py).
RATE_VALUES: dict[str, RecordTest] = {
    "function": _flag("function_passed"),
    "quality": _flag("quality_passed"),
    "function_quality": _joint,
    "safety": _safety,
    "compile": _flag("compiles"),
    "runnable": _flag("runnable"),
    "error_free": _flag("error_free"),
    "mean_test_pass_rate": lambda r: float(r.get("function_pass_rate") or 0.0),
}


def rate_intervals(records: Sequence[dict[str, Any]], summary: dict[str, Any] | None = None,
                   confidence: float = 0.95, resamples: int = DEFAULT_RESAMPLES) -> dict[str, Interval]:
    """Bootstrap intervals of every rate in RATE_VALUES (rates the summary marks not applicable,
    i.e. None, get none)."""
    out: dict[str, Interval] = {}
    for name, value in RATE_VALUES.items():
        if summary is not None and summary.get(name) is None:
            continue
        interval = bootstrap_interval(records, value, confidence, resamples)
        if interval is not None:
            out[name] = interval
    return out


# --- paired comparison -----------------------------------------------------------------------------


@dataclass
class PairedComparison:
    metric: str
    common_tasks: int
    only_a: int  # tasks only in run A
    only_b: int
    mean_a: float  # over common tasks
    mean_b: float
    better: list[str]  # tasks where B > A
    worse: list[str]
    difference_interval: Interval | None  # bootstrap interval of mean_b - mean_a
    sign_test_p: float  # two-sided exact sign test over tasks that changed (McNemar with 1 sample)

    @property
    def task_sets_differ(self) -> bool:
        return bool(self.only_a or self.only_b)

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "common_tasks": self.common_tasks, "only_a": self.only_a,
                "only_b": self.only_b, "mean_a": self.mean_a, "mean_b": self.mean_b,
                "better": self.better, "worse": self.worse, "difference_interval": self.difference_interval,
                "sign_test_p": self.sign_test_p}


def sign_test(better: int, worse: int) -> float:
    """Two-sided exact binomial test of ``better`` vs ``worse`` under p = 1/2 (ties dropped)."""
    n = better + worse
    if n == 0:
        return 1.0
    k = min(better, worse)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / float(2**n)
    return min(1.0, 2 * tail)


def _task_means(records: Iterable[dict[str, Any]], value: RecordTest) -> dict[str, float]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for record in records:
        v = value(record)
        if v is not None:
            cell = sums[str(record.get("task_id"))]
            cell[0] += float(v)
            cell[1] += 1
    return {task: s / n for task, (s, n) in sums.items() if n}


def paired_comparison(a: Sequence[dict[str, Any]], b: Sequence[dict[str, Any]], metric: str = "function_quality",
                      resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> PairedComparison:
    """Compare run B with run A on the tasks both have: per-task means of ``metric``, which tasks
    got better or worse, a bootstrap interval of the mean difference and an exact sign test."""
    value = RATE_VALUES[metric]
    mean_a, mean_b = _task_means(a, value), _task_means(b, value)
    common = sorted(set(mean_a) & set(mean_b))
    better = [t for t in common if mean_b[t] > mean_a[t] + 1e-12]
    worse = [t for t in common if mean_b[t] < mean_a[t] - 1e-12]
    diffs = [mean_b[t] - mean_a[t] for t in common]
    interval = bootstrap_interval([{"task_id": t, "d": d} for t, d in zip(common, diffs, strict=True)],
                                  lambda r: float(r["d"]), resamples=resamples, seed=seed)
    return PairedComparison(
        metric=metric, common_tasks=len(common), only_a=len(set(mean_a) - set(mean_b)),
        only_b=len(set(mean_b) - set(mean_a)),
        mean_a=sum(mean_a[t] for t in common) / len(common) if common else 0.0,
        mean_b=sum(mean_b[t] for t in common) / len(common) if common else 0.0,
        better=better, worse=worse, difference_interval=interval,
        sign_test_p=sign_test(len(better), len(worse)))


# --- reward distributions --------------------------------------------------------------------------

# SecureCodeRL's partial-credit ladder gives 0, 0.2, 0.4, 0.6 and 0.6 + 0.4 k/T; bins 0.2 wide on
# that ladder, with exactly 0 (nothing earned) and exactly 1 (everything) apart, and a bin for the
# negative values some formulas give invalid programs.
REWARD_BINS: tuple[tuple[str, float, float], ...] = (
    ("< 0", -math.inf, 0.0), ("= 0", 0.0, 0.0), ("(0, 0.2)", 0.0, 0.2), ("[0.2, 0.4)", 0.2, 0.4),
    ("[0.4, 0.6)", 0.4, 0.6), ("[0.6, 0.8)", 0.6, 0.8), ("[0.8, 1)", 0.8, 1.0), ("= 1", 1.0, 1.0),
    ("> 1", 1.0, math.inf),
)


def reward_bin(value: float) -> str:
    """The REWARD_BINS bin of ``value`` (bins in order; exact 0 and 1 before the ranges)."""
    for name, low, high in REWARD_BINS:
        if (low == high == value) or (low < high and low <= value < high and value != 0.0):
            return name
    raise ValueError(f"reward {value!r} is not a number")


def reward_distribution(values: Sequence[float]) -> dict[str, int]:
    """Counts per REWARD_BINS bin (every bin present, in order)."""
    counts = {name: 0 for name, _, _ in REWARD_BINS}
    for value in values:
        counts[reward_bin(value)] += 1
    return counts
