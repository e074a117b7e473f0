"""Adapters for the external analyzers: mypy (maintainability), Bandit (security), ruff (errors).

Each runs its tool once per batch in a subprocess over a ``BatchWorkspace``, with an empty config so
nothing in the caller's directory changes the verdicts, and maps the tool's JSON back to Findings.
A program cannot switch its judge off: suppression comments are reported as findings of their own
(``mypy/escape-hatch``, ``ruff/suppression``, ``bandit/nosec``) and disabled for the run (mypy reads
a copy with them blanked, ruff runs with ``--ignore-noqa``, Bandit with ``--ignore-nosec``); mypy
also refuses explicit ``Any`` and reports code hidden from it (``analysis.escape_hatches``). When a
tool fails on a batch, ``run_isolated`` charges only the programs it fails on.
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
    ANALYZER_ERROR,
    AnalyzerError,
    BatchWorkspace,
    Program,
    place_findings,
    run_isolated,
    run_tool,
)
from realcode.analysis.escape_hatches import find_hatches
from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.suppressions import find_directives, neutralise

# Bumped when the suppression/escape-hatch checks change, so cached verdicts are recomputed.
_HATCH_CHECKS = "hatches-1"


@functools.cache
def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def compile_error(source: str) -> tuple[int, str] | None:
    """(line, message) when ``source`` does not compile (never executed); None when it does.

    Parsing is not enough: a duplicate parameter, ``yield`` or ``nonlocal`` at module level, or
    ``return`` outside a function parse but stop mypy's whole batch."""
    try:
        compile(source, "program.py", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return exc.lineno or 1, f"{type(exc).__name__}: {exc.msg}"
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return 1, f"{type(exc).__name__}: {exc}"
    return None


def _own(program: Program, findings: list[Finding]) -> list[Finding]:
    """Findings computed on ``program.full_source``, moved to the program's own lines."""
    shift = program.prefix_lines
    return [f.shifted(shift, program.path) for f in findings if f.line > shift]


def _directive_findings(program: Program, tool: str, rule_id: str, category: Category) -> list[Finding]:
    return _own(program, [
        Finding(rule_id=rule_id, analyzer=tool, category=category, severity=Severity.HIGH,
                message=f"suppression ignored: {d.what} ({d.text!r}); a program may not switch "
                        f"its checks off", line=d.line, column=d.column)
        for d in find_directives(program.full_source, tool)])


def _merge(base: list[list[Finding]], extra: list[list[Finding]]) -> list[list[Finding]]:
    return [sorted([*a, *b], key=lambda f: (f.line, f.column, f.rule_id))
            for a, b in zip(base, extra, strict=True)]


def _cache_dir(tool: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "realcode", f"{tool}-{_package_version(tool)}")
    os.makedirs(path, exist_ok=True)
    return path


class MypyAnalyzer:
    """mypy in strict mode (plus unreachable-code warnings and no explicit ``Any``), one run per batch.

    Programs that do not compile get one ``mypy/syntax`` finding and are not sent (mypy would stop
    the whole batch on them). Missing third-party stubs are not the program's fault:
    ``ignore_missing_imports`` by default.
    """

    name = "mypy"

    def __init__(self, strict: bool = True, ignore_missing_imports: bool = True,
                 extra_args: Sequence[str] = (), timeout: float = 600.0) -> None:
        self.args = ["--strict"] if strict else []
        self.args += ["--warn-unreachable", "--disallow-any-explicit", "--follow-imports=silent",
                      "--show-error-codes"]
        if ignore_missing_imports:
            self.args.append("--ignore-missing-imports")
        self.args += list(extra_args)
        self.timeout = timeout

    def version(self) -> str:
        return f"mypy {_package_version('mypy')} {' '.join(self.args)} {_HATCH_CHECKS}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        errors = [compile_error(p.full_source) for p in programs]
        kept = [p for p, error in zip(programs, errors, strict=True) if error is None]
        checked = iter(_merge(run_isolated(self.name, kept, self._run_batch, self.timeout),
                              [self._hatches(p) for p in kept]))
        out = []
        for program, error in zip(programs, errors, strict=True):
            if error is None:
                out.append(next(checked))
                continue
            line, message = error
            out.append(_own(program, [Finding(
                rule_id="mypy/syntax", analyzer=self.name, category=Category.ERROR,
                severity=Severity.HIGH, message=f"does not compile: {message}",
                line=max(line, program.prefix_lines + 1))]))
        return out

    def _hatches(self, program: Program) -> list[Finding]:
        """Suppression comments and code hidden from mypy, as findings of their own."""
        hatches = [Finding(rule_id="mypy/escape-hatch", analyzer=self.name,
                           category=Category.MAINTAINABILITY, severity=Severity.HIGH,
                           message=h.message, line=h.line, column=h.column)
                   for h in find_hatches(ast.parse(program.full_source))]
        return [*_directive_findings(program, self.name, "mypy/escape-hatch", Category.MAINTAINABILITY),
                *_own(program, hatches)]

    def _run_batch(self, programs: Sequence[Program], timeout: float) -> list[list[Finding]]:
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(programs, render=lambda text: neutralise(text, "mypy")) as ws:
            argv = [sys.executable, "-m", "mypy", *self.args, "-O", "json", "--no-error-summary",
                    "--config-file", ws.config, "--cache-dir", _cache_dir("mypy"), *ws.files]
            done = run_tool(argv, ws.dir, timeout)
            if done.returncode not in (0, 1):
                raise AnalyzerError(f"mypy failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")
            for line in done.stdout.splitlines():
                if not line.startswith("{"):
                    continue
                try:
                    item = json.loads(line)
                    if item.get("severity") != "error":
                        continue  # notes accompany errors; they are not findings themselves
                    code = item.get("code") or "misc"
                    finding = Finding(
                        rule_id=f"mypy/{code}", analyzer=self.name,
                        category=Category.MAINTAINABILITY, severity=Severity.MEDIUM,
                        message=str(item["message"]), line=int(item["line"]),
                        column=max(int(item.get("column", 0)), 0),
                        end_line=item.get("end_line"),
                    )
                    by_file.setdefault(os.path.basename(item["file"]), []).append(finding)
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    raise AnalyzerError(f"mypy gave unreadable output {line[:200]!r}: {exc}") from exc
            return place_findings(programs, ws, by_file)


_BANDIT_SEVERITY = {"LOW": Severity.LOW, "MEDIUM": Severity.MEDIUM, "HIGH": Severity.HIGH}


class BanditAnalyzer:
    """Bandit's call-pattern checks, with test id, severity, confidence and CWE.

    B101 (assert used) is skipped by default: it flags test-style code, not a weakness of the
    program. ``min_severity``/``min_confidence`` filter what counts as a finding. ``# nosec`` is
    not obeyed (``--ignore-nosec``) and is itself a ``bandit/nosec`` finding.
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
                f"sev>={self.min_severity} conf>={self.min_confidence} --ignore-nosec {_HATCH_CHECKS}")

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        return _merge(run_isolated(self.name, programs, self._run_batch, self.timeout),
                      [_directive_findings(p, self.name, "bandit/nosec", Category.SECURITY) for p in programs])

    def _run_batch(self, programs: Sequence[Program], timeout: float) -> list[list[Finding]]:
        order = ["LOW", "MEDIUM", "HIGH"]
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(programs) as ws:
            argv = [sys.executable, "-m", "bandit", "-f", "json", "-q", "--ignore-nosec",
                    "-c", ws.config + ".yaml"]
            with open(ws.config + ".yaml", "w", encoding="utf-8") as handle:
                handle.write("{}\n")
            if self.skip:
                argv += ["--skip", ",".join(self.skip)]
            done = run_tool([*argv, *ws.files], ws.dir, timeout)
            try:
                report = json.loads(done.stdout)
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
                for item in report.get("errors", []):  # a file Bandit could not analyze is not clean
                    by_file.setdefault(os.path.basename(item["filename"]), []).append(Finding(
                        rule_id=f"bandit/{ANALYZER_ERROR}", analyzer=self.name, category=Category.ERROR,
                        severity=Severity.HIGH, message=f"bandit failed on this program: {item.get('reason')}",
                        line=1))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise AnalyzerError(f"bandit gave no readable JSON ({done.returncode}): "
                                    f"{exc}; {done.stderr[-2000:]}") from exc
            return place_findings(programs, ws, by_file)


class RuffAnalyzer:
    """Plain errors only: syntax errors, undefined names, misplaced statements, invalid code.

    Rule families: E9 (syntax/IO), F63 (invalid comparisons), F7 (statement misuse such as
    ``return`` outside a function), F82 (undefined names), PLE (pylint's errors). ``# noqa`` and
    file-level ``# ruff: noqa``/``# flake8: noqa`` are not obeyed (``--ignore-noqa``) and are
    themselves ``ruff/suppression`` findings.
    """

    name = "ruff"
    default_select = ("E9", "F63", "F7", "F82", "PLE")

    def __init__(self, select: Sequence[str] = default_select, timeout: float = 300.0) -> None:
        self.select = tuple(select)
        self.timeout = timeout

    def version(self) -> str:
        return f"ruff {_package_version('ruff')} select={','.join(self.select)} --ignore-noqa {_HATCH_CHECKS}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        return _merge(run_isolated(self.name, programs, self._run_batch, self.timeout),
                      [_directive_findings(p, self.name, "ruff/suppression", Category.ERROR) for p in programs])

    def _run_batch(self, programs: Sequence[Program], timeout: float) -> list[list[Finding]]:
        by_file: dict[str, list[Finding]] = {}
        with BatchWorkspace(programs) as ws:
            argv = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--ignore-noqa",
                    "--output-format", "json", "--select", ",".join(self.select),
                    "--target-version", "py310", *ws.files]
            done = run_tool(argv, ws.dir, timeout)
            try:
                items = json.loads(done.stdout or "[]")
                for item in items:
                    code = item.get("code") or "invalid-syntax"
                    location = item.get("location") or {}
                    by_file.setdefault(os.path.basename(item["filename"]), []).append(Finding(
                        rule_id=f"ruff/{code}", analyzer=self.name, category=Category.ERROR,
                        severity=Severity.HIGH, message=str(item["message"]),
                        line=int(location.get("row", 1)), column=max(int(location.get("column", 1)) - 1, 0),
                    ))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise AnalyzerError(f"ruff gave no readable JSON ({done.returncode}): "
                                    f"{exc}; {done.stderr[-2000:]}") from exc
            if done.returncode not in (0, 1):
                raise AnalyzerError(f"ruff failed ({done.returncode}): {done.stderr[-2000:]}")
            return place_findings(programs, ws, by_file)
