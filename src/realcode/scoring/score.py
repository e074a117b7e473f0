"""Score: everything downstream (rewards, metrics, repair, pairs) needs to know about one sample."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realcode.analysis.finding import Finding
from realcode.execution.report import TestReport

# Analyzers whose findings mean "the program has plain errors" (the error-free rate).
ERROR_ANALYZERS = ("ruff", "mypy")


@dataclass
class Score:
    task_id: str
    sample_index: int = 0
    code: str | None = None
    compiles: bool = False
    test_report: TestReport | None = None
    findings: list[Finding] = field(default_factory=list)
    quality_analyzers: tuple[str, ...] = ()
    errors: list[str] = field(default_factory=list)  # analyzer or scorer failures for this sample
    cwe: str | None = None
    language: str = "python"

    @property
    def code_found(self) -> bool:
        return self.code is not None

    @property
    def runnable(self) -> bool:
        return self.test_report is not None and self.test_report.runnable

    @property
    def function_pass_rate(self) -> float:
        return self.test_report.function_pass_rate if self.test_report else 0.0

    @property
    def function_passed(self) -> bool:
        return self.test_report is not None and self.test_report.function_passed

    @property
    def safety_passed(self) -> bool | None:
        """All safety test cases passed (SecCodePLT-style suites); None without safety tests."""
        return self.test_report.group_passed("safety") if self.test_report else None

    def quality_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.analyzer in self.quality_analyzers]

    @property
    def quality_passed(self) -> bool:
        """No finding from the quality analyzers, which all ran (no code is not quality code)."""
        analysis_failed = any(e.startswith(self.quality_analyzers) for e in self.errors)
        return self.code_found and self.compiles and not analysis_failed and not self.quality_findings()

    @property
    def error_free(self) -> bool:
        return self.compiles and not any(f.analyzer in ERROR_ANALYZERS for f in self.findings)

    @property
    def status(self) -> str:
        if not self.code_found:
            return "no_code"
        if self.test_report is None:
            return "syntax_error" if not self.compiles else "not_run"
        return self.test_report.status.value

    def to_dict(self) -> dict[str, Any]:
        report = self.test_report
        return {
            "task_id": self.task_id,
            "sample_index": self.sample_index,
            "cwe": self.cwe,
            "language": self.language,
            "status": self.status,
            "code_found": self.code_found,
            "compiles": self.compiles,
            "runnable": self.runnable,
            "function_pass_rate": self.function_pass_rate,
            "function_passed": self.function_passed,
            # apart: cases the prompt shows (a lookup table can pass them) and the others
            "visible_pass_rate": report.visible_pass_rate if report else None,
            "hidden_pass_rate": report.hidden_pass_rate if report else None,
            "visibility": report.visibility if report else None,
            "safety_passed": self.safety_passed,
            "quality_passed": self.quality_passed,
            "error_free": self.error_free,
            "quality_analyzers": list(self.quality_analyzers),
            "findings": [f.to_dict() for f in self.findings],
            "errors": list(self.errors),
            "test": report.to_dict() if report else None,
            "code": self.code,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        test = data.get("test")
        return cls(
            task_id=str(data["task_id"]),
            sample_index=int(data.get("sample_index", 0)),
            code=data.get("code"),
            compiles=bool(data.get("compiles")),
            test_report=TestReport.from_dict(test) if test else None,
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
            quality_analyzers=tuple(data.get("quality_analyzers", ())),
            errors=list(data.get("errors", [])),
            cwe=data.get("cwe"),
            language=str(data.get("language") or "python"),
        )
