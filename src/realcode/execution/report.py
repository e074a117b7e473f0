"""TestReport: the outcome of running a program against its tests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from realcode.execution.suites import HIDDEN, VISIBLE, TestSuite, case_visibility


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASH = "crash"
    SYNTAX_ERROR = "syntax_error"
    SANDBOX_ERROR = "sandbox_error"
    OUTPUT_LIMIT = "output_limit"
    FORGED = "forged"  # the program wrote result events the harness did not: it fails
    TOO_LARGE = "too_large"  # refused by the scorer before analysis (ScoringConfig.max_program_chars)


# Statuses of one test case.
CASE_PASSED, CASE_FAILED, CASE_ERROR = "passed", "failed", "error"
CASE_TIMEOUT, CASE_MEMORY, CASE_CRASH, CASE_OUTPUT = "timeout", "memory", "crash", "output_limit"


@dataclass
class CaseResult:
    index: int
    status: str
    group: str = "tests"
    detail: str | None = None
    # False for a case a program that does nothing passes (a stdin case whose expected output is
    # empty): it can show a program wrong, never right, so it does not earn pass-rate credit
    discriminating: bool = True
    seconds: float | None = None  # how long the case ran, measured by the parent

    @property
    def passed(self) -> bool:
        return self.status == CASE_PASSED


@dataclass
class TestReport:
    __test__ = False  # not a pytest test class, despite the name

    status: Status
    cases: list[CaseResult] = field(default_factory=list)
    detail: str | None = None  # why the program did not run, when it did not
    stdout: str = ""  # bounded excerpts
    stderr: str = ""
    exit_code: int | None = None
    duration_s: float = 0.0
    isolation: dict[str, Any] = field(default_factory=dict)
    function_groups: tuple[str, ...] | None = None  # None: every group counts for function
    # "split": the prompt shows some cases, the hidden ones decide the function verdict;
    # "all_visible": the prompt shows every case, so they all decide (a lookup table can pass)
    visibility: str | None = None
    # the time limits in force: {"wall_s", "case_s" (one per case), "calibrated"}
    limits: dict[str, Any] | None = None

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def runnable(self) -> bool:
        """The program loaded and ran its cases to a verdict (right or wrong)."""
        return self.status in (Status.PASSED, Status.FAILED)

    def group_counts(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = {}
        for case in self.cases:
            done, total = counts.get(case.group, (0, 0))
            counts[case.group] = (done + case.passed, total + 1)
        return counts

    def function_cases(self) -> list[CaseResult]:
        if self.function_groups is None:
            return self.cases
        return [c for c in self.cases if c.group in self.function_groups]

    @property
    def function_pass_rate(self) -> float:
        """Share of function-deciding test cases passed (0 when the program did not run); cases
        that doing nothing passes count only where a suite has no other kind."""
        cases = self.function_cases()
        cases = [c for c in cases if c.discriminating] or cases
        if not self.runnable or not cases:
            return 0.0
        return sum(c.passed for c in cases) / len(cases)

    @property
    def plain_pass_rate(self) -> float:
        """The pass rate as REAL's pipeline counts it: every functional case, shown or hidden,
        discriminating or not (for exact reproductions of its reward)."""
        cases = self.cases if self.visibility else self.function_cases()
        if not self.runnable or not cases:
            return 0.0
        return sum(c.passed for c in cases) / len(cases)

    @property
    def function_passed(self) -> bool:
        cases = self.function_cases()
        return self.runnable and bool(cases) and all(c.passed for c in cases)

    def group_pass_rate(self, group: str) -> float | None:
        """Share of ``group``'s cases passed (0 when the program did not run); None without any."""
        done, total = self.group_counts().get(group, (0, 0))
        if not total:
            return None
        return done / total if self.runnable else 0.0

    @property
    def visible_pass_rate(self) -> float | None:
        return self.group_pass_rate(VISIBLE)

    @property
    def hidden_pass_rate(self) -> float | None:
        return self.group_pass_rate(HIDDEN)

    def group_passed(self, group: str) -> bool | None:
        """All cases of ``group`` passed; None when the suite has no such group."""
        cases = [c for c in self.cases if c.group == group]
        if not cases:
            return None
        return self.runnable and all(c.passed for c in cases)

    def to_dict(self, *, with_cases: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["passed"] = self.passed
        data["total"] = self.total
        data["groups"] = {g: list(v) for g, v in self.group_counts().items()}
        if not with_cases:
            data.pop("cases")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestReport:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["status"] = Status(fields["status"])
        fields["cases"] = [CaseResult(**c) for c in fields.get("cases", [])]
        if fields.get("function_groups") is not None:
            fields["function_groups"] = tuple(fields["function_groups"])
        return cls(**fields)


def apply_visibility(report: TestReport, suite: TestSuite) -> TestReport:
    """Label each case of ``report`` visible or hidden as ``suite`` marks them, and let the hidden
    ones alone decide the function verdict; with no hidden case, all decide (flagged)."""
    labels = case_visibility(suite)
    if labels is None:
        return report
    for case in report.cases:
        if case.index < len(labels) and case.group == "tests":
            case.group = labels[case.index]
    if HIDDEN in labels:
        report.function_groups, report.visibility = (HIDDEN,), "split"
    else:
        report.visibility = "all_visible"
    return report
