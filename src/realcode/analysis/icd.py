"""``icd``: CyberSecEval's insecure-code detector (the ``codeshield`` package) as a realcode analyzer.

codeshield holds regex rules for every CyberSecEval language and Semgrep rules for C, C++, C#,
Java, JavaScript and Python. Its own Semgrep call (codeshield 1.0.1) passes ``--project-root /``
for absolute paths, and Semgrep 1.18x then scans no file at all (``"paths": {"scanned": []}``), so
only the regex rules fire. Here the regex rules are codeshield's own (``insecure_patterns.load`` and
its ``_search_pattern``, comments skipped as it does), and Semgrep runs with codeshield's command and
generated rule files but without the project root, once per language over the whole batch.

Install with ``pip install 'realcode[icd]'`` (codeshield + semgrep).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from realcode.analysis.base import AnalyzerError, Program, run_tool
from realcode.analysis.finding import Category, Finding, Severity

LANGUAGES = ("c", "cpp", "csharp", "java", "javascript", "php", "python", "rust")
EXTENSIONS = {"c": ".c", "cpp": ".cpp", "csharp": ".cs", "java": ".java", "javascript": ".js",
              "php": ".php", "python": ".py", "rust": ".rs"}
SEMGREP_RULES = {"cpp": ("cpp", "c")}  # rule sets per language, when not just its own
_SEVERITY = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "advice": Severity.LOW}


def icd_available() -> str | None:
    """None when codeshield and Semgrep are importable; else why not."""
    try:
        _codeshield()
    except ImportError as exc:
        return f"codeshield is not installed (pip install 'realcode[icd]'): {exc}"
    except Exception as exc:  # codeshield locates semgrep-core at import time
        return f"codeshield cannot start: {type(exc).__name__}: {exc}"
    return None


@functools.cache
def _codeshield() -> dict[str, Any]:
    from codeshield.insecure_code_detector import insecure_code_detector as detector
    from codeshield.insecure_code_detector import insecure_patterns, oss
    from codeshield.insecure_code_detector.analyzers import Analyzer
    from codeshield.insecure_code_detector.languages import Language
    from codeshield.insecure_code_detector.usecases import UseCase

    return {"detector": detector, "patterns": insecure_patterns, "oss": oss, "Analyzer": Analyzer,
            "Language": Language, "usecase": UseCase.CYBERSECEVAL}


def _cwe(text: object) -> int | None:
    match = re.search(r"(\d+)", str(text or ""))
    return int(match.group(1)) if match else None


def _severity(text: object) -> Severity:
    return _SEVERITY.get(str(text or "").lower(), Severity.MEDIUM)


class IcdAnalyzer:
    """Regex + Semgrep rules of CyberSecEval's detector over programs in its eight languages."""

    name = "icd"
    languages = LANGUAGES
    text_level = True  # rules read text: fragments that do not compile are still analyzed

    def __init__(self, semgrep: bool = True, timeout: float = 600.0) -> None:
        self.semgrep = semgrep
        self.timeout = timeout

    def version(self) -> str:
        versions = []
        for package in ("codeshield", "semgrep"):
            try:
                versions.append(f"{package} {metadata.version(package)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{package} missing")
        return f"icd-1 {' '.join(versions)} semgrep={'on' if self.semgrep else 'off'}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        reason = icd_available()
        if reason is not None:
            raise AnalyzerError(reason)
        results: list[list[Finding]] = [[] for _ in programs]
        by_language: dict[str, list[int]] = {}
        for index, program in enumerate(programs):
            if program.language in LANGUAGES:
                by_language.setdefault(program.language, []).append(index)
        for language, indices in by_language.items():
            for index in indices:
                results[index].extend(self._regex(programs[index], language))
            if self.semgrep and self._has_semgrep(language):
                # C++ programs also get the C rules, as codeshield's regex loader gives them.
                for rules in SEMGREP_RULES.get(language, (language,)):
                    found = self._semgrep([programs[i] for i in indices], language, rules)
                    for index, findings in zip(indices, found, strict=True):
                        results[index].extend(f for f in findings if f not in results[index])
        return [sorted(f, key=lambda x: (x.line, x.column, x.rule_id)) for f in results]

    @staticmethod
    def _has_semgrep(language: str) -> bool:
        cs = _codeshield()
        wanted = cs["Analyzer"].SEMGREP
        return wanted in cs["detector"].LANGUAGE_ANALYZER_MAP.get(cs["Language"](language), [])

    def _regex(self, program: Program, language: str) -> list[Finding]:
        cs = _codeshield()
        patterns = cs["patterns"].load(cs["Language"](language), cs["Analyzer"].REGEX, cs["usecase"])
        shift = program.prefix_lines
        found: list[Finding] = []
        for pattern in patterns:
            for issue in cs["detector"]._search_pattern(pattern, program.full_source):
                line = int(issue.line or 1)
                if line <= shift:
                    continue
                found.append(Finding(
                    rule_id=f"icd/{issue.pattern_id or 'regex'}", analyzer=self.name,
                    category=Category.SECURITY, severity=_severity(issue.severity),
                    message=str(issue.description), line=line - shift, cwe=_cwe(issue.cwe_id),
                    path=program.path, confidence="regex"))
        return found

    def _semgrep(self, programs: Sequence[Program], language: str, rules: str) -> list[list[Finding]]:
        cs = _codeshield()
        oss = cs["oss"]
        config = oss.SEMGREP_RULE_REPO_PATH / "_generated_" / f"{rules}_{cs['usecase'].value}.json"
        if not config.exists():
            config = oss.SEMGREP_RULE_REPO_PATH / rules
        workdir = tempfile.mkdtemp(prefix="realcode-icd-")
        try:
            names = []
            for index, program in enumerate(programs):
                name = f"p{index}{EXTENSIONS[language]}"
                with open(os.path.join(workdir, name), "w", encoding="utf-8") as handle:
                    handle.write(program.full_source.encode("utf-8", "replace").decode("utf-8"))
                names.append(name)
            # codeshield's command, minus its ``--project-root /`` (which makes Semgrep scan nothing);
            # relative paths from the batch directory.
            argv = [*oss.SEMGREP_COMMAND, str(config), *names]
            done = run_tool(argv, workdir, self.timeout)
            start = done.stdout.find("{")
            try:
                report = json.loads(done.stdout[start:]) if start >= 0 else None
            except ValueError:
                report = None
            if not isinstance(report, dict):
                raise AnalyzerError(f"semgrep gave no JSON ({done.returncode}): {done.stderr[-2000:]}")
            scanned = set(report.get("paths", {}).get("scanned", []))
            missing = [n for n in names if n not in scanned and os.path.join(".", n) not in scanned]
            if missing and len(missing) == len(names):
                raise AnalyzerError(f"semgrep scanned none of the {len(names)} {language} programs")
            by_file: dict[str, list[dict[str, Any]]] = {}
            for item in report.get("results", []):
                by_file.setdefault(os.path.basename(str(item.get("path", ""))), []).append(item)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        out: list[list[Finding]] = []
        for program, name in zip(programs, names, strict=True):
            shift = program.prefix_lines
            findings = []
            for item in by_file.get(name, []):
                extra = item.get("extra") or {}
                start_at = item.get("start") or {}
                line = int(start_at.get("line") or 1)
                if line <= shift:
                    continue
                rule = str(item.get("check_id") or "semgrep").rsplit(".", 1)[-1]
                findings.append(Finding(
                    rule_id=f"icd/{rule}", analyzer=self.name, category=Category.SECURITY,
                    severity=_severity(extra.get("severity")), message=str(extra.get("message", "")),
                    line=line - shift, column=max(int(start_at.get("col") or 1) - 1, 0),
                    cwe=_cwe((extra.get("metadata") or {}).get("cwe_id")), path=program.path,
                    confidence="semgrep"))
            out.append(findings)
        return out
