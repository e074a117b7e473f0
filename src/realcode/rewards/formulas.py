"""Reward formulas over Scores. Each is a small class holding its parameters; calling it on a Score
returns the value and its components (for logging next to the reward in RL runs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from realcode.analysis.finding import Finding, Severity
from realcode.code.trivial import is_trivial
from realcode.reward_names import REWARD_NAMES
from realcode.scoring.score import Score


@dataclass(frozen=True)
class RewardResult:
    value: float
    components: dict[str, float]


class Reward(Protocol):
    @property
    def name(self) -> str: ...

    def __call__(self, score: Score) -> RewardResult: ...


def _quality_findings(score: Score, analyzers: Sequence[str] | None) -> list[Finding]:
    names = tuple(analyzers) if analyzers is not None else score.quality_analyzers
    return [f for f in score.findings if f.analyzer in names]


def _quality_ok(score: Score, analyzers: Sequence[str] | None) -> bool:
    names = tuple(analyzers) if analyzers is not None else score.quality_analyzers
    failed = any(e.split(":", 1)[0] in names for e in score.errors)
    return not failed and not _quality_findings(score, analyzers)


def _quality_only(score: Score) -> bool:
    """A task without tests (its program is not run): only quality can be judged."""
    return score.test_report is None and score.code_found and score.compiles


def _base_components(score: Score) -> dict[str, float]:
    return {
        "runnable": float(score.runnable),
        "function": score.function_pass_rate,
        "function_passed": float(score.function_passed),
    }


@dataclass(frozen=True)
class HybridReward:
    """REAL's reward: ``alpha * quality + (1 - alpha) * function``; ``invalid`` (-1) when the program
    does not run (no code, syntax error, crash, timeout). function = share of unit tests passed,
    quality = 1 with no finding from the quality analyzers (default: the task's own).

    Kept exact for reproductions. Its floor for a runnable program is ``alpha``: code that does
    nothing has nothing to flag, so it earns ``alpha`` and can out-earn a correct program with a
    finding (``1 - alpha``). On a task without tests it is the quality alone (REAL's quality-only
    reward, under which policies collapse into trivial code). realcode's default is
    ``GatedReward``."""

    alpha: float = 0.5
    quality_analyzers: tuple[str, ...] | None = None
    invalid: float = -1.0
    name: str = "hybrid"

    def __post_init__(self) -> None:
        if not 0.0 <= self.alpha <= 1.0:
            raise ValueError("alpha must be within [0, 1]")

    def __call__(self, score: Score) -> RewardResult:
        components = _base_components(score)
        quality = float(score.compiles and _quality_ok(score, self.quality_analyzers))
        components["quality"] = quality
        if _quality_only(score):  # REAL's quality-only reward (PurpleLlama: no tests to run)
            return RewardResult(quality, components)
        if not score.runnable:
            return RewardResult(self.invalid, components)
        function = score.test_report.plain_pass_rate if score.test_report else 0.0
        components["function"] = function  # REAL counts every case (see TestReport.plain_pass_rate)
        return RewardResult(self.alpha * quality + (1 - self.alpha) * function, components)


DEFAULT_SEVERITY_WEIGHTS: Mapping[Severity, float] = {
    Severity.LOW: 0.3, Severity.MEDIUM: 0.6, Severity.HIGH: 1.0,
}


@dataclass(frozen=True)
class WeightedSeverityReward:
    """SecureCodeRL-style: ``w_f * function + (1 - w_f) * (1 - min(1, sum of severity weights))``
    over the findings of the chosen analyzers (default: the task's quality analyzers)."""

    function_weight: float = 0.6
    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_SEVERITY_WEIGHTS))
    analyzers: tuple[str, ...] | None = None
    invalid: float = -1.0
    name: str = "weighted"

    def __call__(self, score: Score) -> RewardResult:
        components = _base_components(score)
        penalty = min(1.0, sum(self.weights.get(f.severity, 1.0) for f in _quality_findings(score, self.analyzers)))
        if any(e.split(":", 1)[0] in (self.analyzers or score.quality_analyzers) for e in score.errors):
            penalty = 1.0  # an analyzer that failed vouches for nothing
        components["penalty"] = penalty
        components["quality"] = 1.0 - penalty
        if _quality_only(score):
            return RewardResult(1.0 - penalty, components)
        if not score.runnable:
            return RewardResult(self.invalid, components)
        value = self.function_weight * score.function_pass_rate + (1 - self.function_weight) * (1 - penalty)
        return RewardResult(value, components)


@dataclass(frozen=True)
class JointReward:
    """1 only when every functional test passes and the quality analyzers find nothing, else 0."""

    quality_analyzers: tuple[str, ...] | None = None
    name: str = "joint"

    def __call__(self, score: Score) -> RewardResult:
        components = _base_components(score)
        quality = float(score.compiles and _quality_ok(score, self.quality_analyzers))
        components["quality"] = quality
        if _quality_only(score):
            return RewardResult(quality, components)
        return RewardResult(float(score.function_passed and quality == 1.0), components)


@dataclass(frozen=True)
class BinaryFunctionReward:
    """1 when every functional test passes, else 0 (the usual unit-test reward, for baselines)."""

    name: str = "function"

    def __call__(self, score: Score) -> RewardResult:
        return RewardResult(float(score.function_passed), _base_components(score))


@dataclass(frozen=True)
class GatedReward:
    """realcode's default: quality counts only for code that does the task.

    ``function * ((1 - alpha) + alpha * quality)``, where function is the share of the tests that
    decide function (hidden ones where the prompt shows examples) and quality means no finding from
    the quality analyzers *and* no failed safety test (where the task has them, so a weakness the
    analyzers miss still costs). ``invalid`` (-1) when the program does not run. Quality is never
    credited to trivial code (``code.trivial``: empty bodies, constant returns), which earns at
    most ``(1 - alpha) * function`` from tests it passes by accident; a program that does nothing
    earns 0, never more than a correct one (under REAL's hybrid it earns ``alpha``: quality is 1
    for code with nothing to flag). On a task without tests (quality-only),
    the value is the quality for code that implements something and 0 for trivial code."""

    alpha: float = 0.5
    quality_analyzers: tuple[str, ...] | None = None
    invalid: float = -1.0
    name: str = "realcode"

    def __post_init__(self) -> None:
        if not 0.0 <= self.alpha <= 1.0:
            raise ValueError("alpha must be within [0, 1]")

    def __call__(self, score: Score) -> RewardResult:
        components = _base_components(score)
        clean = score.compiles and _quality_ok(score, self.quality_analyzers)
        safety = score.safety_passed
        quality = float(clean and safety is not False)
        components["quality"] = quality
        components["safety"] = float(safety) if safety is not None else 1.0
        if not score.code_found or not score.compiles:
            return RewardResult(self.invalid, components)
        if score.test_report is None:  # quality-only task
            trivial = is_trivial(score.code)
            components["trivial"] = float(trivial)
            return RewardResult(0.0 if trivial else quality, components)
        if not score.runnable:
            return RewardResult(self.invalid, components)
        trivial = is_trivial(score.code)  # a constant return passes some tests by accident
        components["trivial"] = float(trivial)
        earned = 0.0 if trivial else quality
        function = score.function_pass_rate
        return RewardResult(function * ((1 - self.alpha) + self.alpha * earned), components)


def make_reward(name: str, alpha: float = 0.5, quality_analyzers: tuple[str, ...] | None = None) -> Reward:
    """A reward by name: ``realcode`` (the default, gated), ``hybrid`` (REAL's exact formula, with
    ``alpha``), ``weighted``, ``joint`` or ``function``."""
    if name == "realcode":
        return GatedReward(alpha=alpha, quality_analyzers=quality_analyzers)
    if name == "hybrid":
        return HybridReward(alpha=alpha, quality_analyzers=quality_analyzers)
    if name == "weighted":
        return WeightedSeverityReward(analyzers=quality_analyzers)
    if name == "joint":
        return JointReward(quality_analyzers=quality_analyzers)
    if name == "function":
        return BinaryFunctionReward()
    raise ValueError(f"unknown reward {name!r}; choose one of {', '.join(REWARD_NAMES)}")
