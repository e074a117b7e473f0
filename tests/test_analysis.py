"""Analyzers on real programs, batch mapping, prefixes, and the three output formats."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from realcode.analysis import (
    Category,
    Finding,
    Program,
    Severity,
    TraceStep,
    get_analyzer,
    to_sarif,
)
from realcode.cli import main

SQLI = ("import sqlite3\n\n\ndef find(conn: sqlite3.Connection, name: str) -> list[object]:\n"
        "    return conn.execute(f\"SELECT * FROM t WHERE name = '{name}'\").fetchall()\n")
TYPED = "def add(a: int, b: int) -> int:\n    return a + b\n"
UNTYPED = "def add(a, b):\n    return a + b\n"
BROKEN = "def f(:\n    pass\n"
UNDEFINED = "def f() -> int:\n    return missing_name\n"


def test_mypy_strict_batch_keeps_error_codes_and_maps_back() -> None:
    programs = [Program(TYPED, "typed.py"), Program(UNTYPED, "untyped.py"), Program(BROKEN, "broken.py"),
                Program(UNTYPED, "untyped_again.py")]
    results = get_analyzer("mypy").analyze_many(programs)
    assert results[0] == []
    assert {f.rule_id for f in results[1]} == {"mypy/no-untyped-def"}
    # unparsable: one mypy/syntax finding, and it must not sink the batch
    assert [f.rule_id for f in results[2]] == ["mypy/syntax"]
    assert [f.message for f in results[3]] == [f.message for f in results[1]]
    assert all(f.path == "untyped_again.py" for f in results[3])
    assert all(f.category is Category.MAINTAINABILITY for f in results[1])


def test_mypy_reports_unreachable_code() -> None:
    source = "def f(x: int) -> int:\n    return x\n    print(x)\n"
    findings = get_analyzer("mypy").analyze_many([Program(source)])[0]
    assert any(f.rule_id == "mypy/unreachable" and f.line == 3 for f in findings)


def test_bandit_reports_test_id_severity_confidence_and_cwe() -> None:
    findings = get_analyzer("bandit").analyze_many([Program(SQLI), Program(TYPED)])
    assert findings[1] == []
    (sqli,) = findings[0]
    assert sqli.rule_id == "bandit/B608" and sqli.cwe == 89 and sqli.line == 5
    assert sqli.severity is Severity.MEDIUM and sqli.confidence in ("low", "medium", "high")


def test_ruff_reports_syntax_errors_and_undefined_names() -> None:
    broken, undefined, clean = get_analyzer("ruff").analyze_many(
        [Program(BROKEN), Program(UNDEFINED), Program(TYPED)])
    assert broken and all(f.category is Category.ERROR for f in broken)
    assert [f.rule_id for f in undefined] == ["ruff/F821"] and undefined[0].line == 2
    assert clean == []


def test_prefix_names_are_known_and_its_lines_are_dropped() -> None:
    prefix = "import subprocess\nsubprocess.call('ls', shell=True)\nALLOWED = {'a'}\n"
    program = Program("def ok(x: str) -> bool:\n    return x in ALLOWED\n", "p.py", prefix=prefix)
    assert get_analyzer("ruff").analyze_many([program])[0] == []
    assert get_analyzer("bandit").analyze_many([program])[0] == []
    shifted = Program("import os\nos.system('ls ' + input())\n", "q.py", prefix=prefix)
    (finding,) = [f for f in get_analyzer("bandit").analyze_many([shifted])[0] if f.rule_id == "bandit/B605"]
    assert finding.line == 2 and finding.path == "q.py"


def test_finding_renders_text_json_and_sarif() -> None:
    finding = Finding(rule_id="realcode/cwe-89", analyzer="security", category=Category.SECURITY,
                      severity=Severity.HIGH, message="input reaches SQL text", line=5, column=4, cwe=89,
                      path="app.py", trace=(TraceStep(3, "input() returns tainted data"), TraceStep(5, "execute")))
    text = finding.to_text(explain=True)
    assert text.startswith("app.py:5:5: high realcode/cwe-89 [CWE-89]") and "line 3: input()" in text
    assert Finding.from_dict(json.loads(json.dumps(finding.to_dict()))) == finding
    sarif = to_sarif([finding])
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    result = run["results"][0]
    assert result["ruleId"] == "realcode/cwe-89" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 5}
    assert len(result["codeFlows"][0]["threadFlows"][0]["locations"]) == 2
    assert run["tool"]["driver"]["rules"][0]["properties"]["tags"] == ["CWE-89"]


def test_cli_analyze_json_on_files_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "sqli.py").write_text(SQLI)
    (tmp_path / "untyped.py").write_text(UNTYPED)
    code = main(["analyze", str(tmp_path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    for finding in findings:
        assert {"path", "rule_id", "cwe", "line", "severity", "message"} <= set(finding)
    assert {(Path(f["path"]).name, f["rule_id"]) for f in findings} >= {
        ("sqli.py", "bandit/B608"), ("untyped.py", "mypy/no-untyped-def")}


def test_cli_analyze_stdin_and_sarif(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(UNDEFINED))
    assert main(["analyze", "-", "--analyzers", "ruff", "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "ruff/F821"
    assert main(["analyze", "/no/such/file.py"]) == 2
    assert main(["analyze", "-", "--analyzers", "nonsense"]) == 2


def test_console_script_is_installed() -> None:
    done = subprocess.run([sys.executable, "-m", "realcode.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("realcode ")
