"""Finding: one problem an analyzer reports, rendered as text, JSON or SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from realcode import __version__


class Category(str, Enum):
    SECURITY = "security"
    MAINTAINABILITY = "maintainability"
    ERROR = "error"  # the program is broken: syntax errors, undefined names


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class TraceStep:
    """One step of a taint path: where the data was, and what happened to it."""

    line: int
    note: str
    column: int = 0


@dataclass(frozen=True)
class Finding:
    rule_id: str  # "<analyzer>/<code>", e.g. "mypy/no-untyped-def", "bandit/B608"
    analyzer: str
    category: Category
    severity: Severity
    message: str
    line: int
    column: int = 0
    end_line: int | None = None
    cwe: int | None = None
    confidence: str | None = None
    path: str = "program.py"
    trace: tuple[TraceStep, ...] = field(default_factory=tuple)

    def shifted(self, lines: int, path: str | None = None) -> Finding:
        """The same finding ``lines`` further up (to remove an analysis prefix)."""
        return Finding(
            rule_id=self.rule_id, analyzer=self.analyzer, category=self.category,
            severity=self.severity, message=self.message, line=self.line - lines,
            column=self.column, end_line=None if self.end_line is None else self.end_line - lines,
            cwe=self.cwe, confidence=self.confidence, path=path or self.path,
            trace=tuple(TraceStep(s.line - lines, s.note, s.column) for s in self.trace),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["category"] = self.category.value
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule_id=data["rule_id"], analyzer=data["analyzer"], category=Category(data["category"]),
            severity=Severity(data["severity"]), message=data["message"], line=int(data["line"]),
            column=int(data.get("column", 0)), end_line=data.get("end_line"), cwe=data.get("cwe"),
            confidence=data.get("confidence"), path=data.get("path", "program.py"),
            trace=tuple(TraceStep(**s) for s in data.get("trace", [])),
        )

    def to_text(self, explain: bool = False) -> str:
        cwe = f" [CWE-{self.cwe}]" if self.cwe else ""
        text = f"{self.path}:{self.line}:{self.column + 1}: {self.severity.value} {self.rule_id}{cwe} {self.message}"
        if explain and self.trace:
            text += "".join(f"\n    line {s.line}: {s.note}" for s in self.trace)
        return text


_SARIF_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def to_sarif(findings: Iterable[Finding]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run per analyzer."""
    by_analyzer: dict[str, list[Finding]] = {}
    for finding in findings:
        by_analyzer.setdefault(finding.analyzer, []).append(finding)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [_sarif_run(name, items) for name, items in sorted(by_analyzer.items())],
    }


def _sarif_run(analyzer: str, findings: Sequence[Finding]) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rule: dict[str, Any] = {"id": f.rule_id, "properties": {"category": f.category.value}}
        if f.cwe:
            rule["properties"]["tags"] = [f"CWE-{f.cwe}"]
        rules.setdefault(f.rule_id, rule)
    rule_index = {rule_id: i for i, rule_id in enumerate(rules)}
    results = []
    for f in findings:
        region: dict[str, Any] = {"startLine": max(f.line, 1), "startColumn": f.column + 1}
        if f.end_line:
            region["endLine"] = max(f.end_line, region["startLine"])
        result: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": rule_index[f.rule_id],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": region}}],
            "properties": {"severity": f.severity.value, "category": f.category.value,
                           **({"cwe": f"CWE-{f.cwe}"} if f.cwe else {}),
                           **({"confidence": f.confidence} if f.confidence else {})},
        }
        if f.trace:
            result["codeFlows"] = [{"threadFlows": [{"locations": [
                {"location": {
                    "physicalLocation": {"artifactLocation": {"uri": f.path},
                                         "region": {"startLine": max(s.line, 1)}},
                    "message": {"text": s.note}}}
                for s in f.trace]}]}]
        results.append(result)
    return {
        "tool": {"driver": {"name": f"realcode-{analyzer}", "version": __version__,
                            "rules": list(rules.values())}},
        "results": results,
    }
