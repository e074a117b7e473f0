"""Adapters for the external analyzers: mypy (maintainability), Bandit (security), ruff (errors).

Each runs its tool once per batch in a subprocess over a ``BatchWorkspace``, with an empty config so
nothing in the caller's directory changes the verdicts, and maps the tool's JSON back to Findings.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import sys
from collections.abc import Sequence
from importlib import metadata

from realcode.analysis.base import (
    AnalyzerError,
    BatchWorkspace,
    Program,
    place_findings,
    run_tool,
)
from realcode.analysis.finding import Category, Finding, Severity


@functools.cache
def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _cache_dir(tool: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "realcode", f"{tool}-{_package_version(tool)}")
    os.makedirs(path, exist_ok=True)
    return path


class MypyAnalyzer:
    """mypy in strict mode (plus unreachable-code warnings), one run per batch.

    Programs that do not parse are left to ruff (mypy would stop the whole batch on them).
    Missing third-party stubs are not the program's fault: ``ignore_missing_imports`` by default.
    """

    name = "mypy"

    def __init__(self, strict: bool = True, ignore_missing_imports: bool = True,
                 extra_args: Sequence[str] = (), timeout: float = 600.0) -> None:
        self.args = ["--strict"] if strict else []
        self.args += ["--warn-unreachable", "--follow-imports=silent", "--show-error-codes"]
        if ignore_missing_imports:
            self.args.append("--ignore-missing-imports")
        self.args += list(extra_args)
        self.timeout = timeout

    def version(self) -> str:
        return f"mypy {_package_version('mypy')} {' '.join(self.args)}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        parsable = [p if _parses(p.full_source) else None for p in programs]
        kept = [p for p in parsable if p is not None]
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(kept) as ws:
            if ws.files:
                argv = [sys.executable, "-m", "mypy", *self.args, "-O", "json", "--no-error-summary",
                        "--config-file", ws.config, "--cache-dir", _cache_dir("mypy"), *ws.files]
                done = run_tool(argv, ws.dir, self.timeout)
                if done.returncode not in (0, 1):
                    raise AnalyzerError(f"mypy failed ({done.returncode}): {done.stderr[-2000:]}")
                for line in done.stdout.splitlines():
                    if not line.startswith("{"):
                        continue
                    item = json.loads(line)
                    if item.get("severity") != "error":
                        continue  # notes accompany errors; they are not findings themselves
                    name = os.path.basename(item["file"])
                    code = item.get("code") or "misc"
                    by_file.setdefault(name, []).append(Finding(
                        rule_id=f"mypy/{code}", analyzer=self.name,
                        category=Category.MAINTAINABILITY, severity=Severity.MEDIUM,
                        message=item["message"], line=int(item["line"]),
                        column=max(int(item.get("column", 0)), 0),
                        end_line=item.get("end_line"),
                    ))
            placed = iter(place_findings(kept, ws, by_file))
        return [next(placed) if p is not None else [] for p in parsable]


_BANDIT_SEVERITY = {"LOW": Severity.LOW, "MEDIUM": Severity.MEDIUM, "HIGH": Severity.HIGH}


class BanditAnalyzer:
    """Bandit's call-pattern checks, with test id, severity, confidence and CWE.

    B101 (assert used) is skipped by default: it flags test-style code, not a weakness of the
    program. ``min_severity``/``min_confidence`` filter what counts as a finding.
    """

    name = "bandit"

    def __init__(self, skip: Sequence[str] = ("B101",), min_severity: str = "LOW",
                 min_confidence: str = "LOW", timeout: float = 600.0) -> None:
        self.skip = tuple(skip)
        self.min_severity = min_severity.upper()
        self.min_confidence = min_confidence.upper()
        self.timeout = timeout

    def version(self) -> str:
        return (f"bandit {_package_version('bandit')} skip={','.join(self.skip)} "
                f"sev>={self.min_severity} conf>={self.min_confidence}")

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        order = ["LOW", "MEDIUM", "HIGH"]
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(programs) as ws:
            argv = [sys.executable, "-m", "bandit", "-f", "json", "-q", "-c", ws.config + ".yaml"]
            with open(ws.config + ".yaml", "w", encoding="utf-8") as handle:
                handle.write("{}\n")
            if self.skip:
                argv += ["--skip", ",".join(self.skip)]
            done = run_tool([*argv, *ws.files], ws.dir, self.timeout)
            try:
                report = json.loads(done.stdout)
            except ValueError as exc:
                raise AnalyzerError(f"bandit gave no JSON ({done.returncode}): {done.stderr[-2000:]}") from exc
            for item in report.get("results", []):
                severity, confidence = item["issue_severity"], item["issue_confidence"]
                if order.index(severity) < order.index(self.min_severity):
                    continue
                if order.index(confidence) < order.index(self.min_confidence):
                    continue
                cwe = (item.get("issue_cwe") or {}).get("id")
                by_file.setdefault(os.path.basename(item["filename"]), []).append(Finding(
                    rule_id=f"bandit/{item['test_id']}", analyzer=self.name,
                    category=Category.SECURITY, severity=_BANDIT_SEVERITY[severity],
                    message=f"{item['test_name']}: {item['issue_text']}", line=int(item["line_number"]),
                    column=int(item.get("col_offset") or 0), cwe=int(cwe) if cwe else None,
                    confidence=confidence.lower(),
                ))
            return place_findings(programs, ws, by_file)


class RuffAnalyzer:
    """Plain errors only: syntax errors, undefined names, misplaced statements, invalid code.

    Rule families: E9 (syntax/IO), F63 (invalid comparisons), F7 (statement misuse such as
    ``return`` outside a function), F82 (undefined names), PLE (pylint's errors).
    """

    name = "ruff"
    default_select = ("E9", "F63", "F7", "F82", "PLE")

    def __init__(self, select: Sequence[str] = default_select, timeout: float = 300.0) -> None:
        self.select = tuple(select)
        self.timeout = timeout

    def version(self) -> str:
        return f"ruff {_package_version('ruff')} select={','.join(self.select)}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(programs) as ws:
            argv = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache",
                    "--output-format", "json", "--select", ",".join(self.select),
                    "--target-version", "py310", *ws.files]
            done = run_tool(argv, ws.dir, self.timeout)
            try:
                items = json.loads(done.stdout or "[]")
            except ValueError as exc:
                raise AnalyzerError(f"ruff gave no JSON ({done.returncode}): {done.stderr[-2000:]}") from exc
            for item in items:
                code = item.get("code") or "invalid-syntax"
                location = item.get("location") or {}
                by_file.setdefault(os.path.basename(item["filename"]), []).append(Finding(
                    rule_id=f"ruff/{code}", analyzer=self.name, category=Category.ERROR,
                    severity=Severity.HIGH, message=item["message"],
                    line=int(location.get("row", 1)), column=max(int(location.get("column", 1)) - 1, 0),
                ))
            return place_findings(programs, ws, by_file)
