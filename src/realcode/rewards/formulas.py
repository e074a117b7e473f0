"""Reward formulas over Scores. Each is a small class holding its parameters; calling it on a Score
returns the value and its components (for logging next to the reward in RL runs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from realcode.analysis.finding import Finding, Severity
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
    quality = 1 with no finding from the quality analyzers (default: the task's own)."""

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
        if not score.runnable:
            return RewardResult(self.invalid, components)
        return RewardResult(self.alpha * quality + (1 - self.alpha) * score.function_pass_rate, components)


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
        return RewardResult(float(score.function_passed and quality == 1.0), components)


@dataclass(frozen=True)
class BinaryFunctionReward:
    """1 when every functional test passes, else 0 (the usual unit-test reward, for baselines)."""

    name: str = "function"

    def __call__(self, score: Score) -> RewardResult:
        return RewardResult(float(score.function_passed), _base_components(score))


def make_reward(name: str, alpha: float = 0.5, quality_analyzers: tuple[str, ...] | None = None) -> Reward:
    """A reward by name: ``hybrid`` (with ``alpha``), ``weighted``, ``joint`` or ``function``."""
    if name == "hybrid":
        return HybridReward(alpha=alpha, quality_analyzers=quality_analyzers)
    if name == "weighted":
        return WeightedSeverityReward(analyzers=quality_analyzers)
    if name == "joint":
        return JointReward(quality_analyzers=quality_analyzers)
    if name == "function":
        return BinaryFunctionReward()
    raise ValueError(f"unknown reward {name!r}; choose hybrid, weighted, joint or function")
