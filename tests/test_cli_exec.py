"""`realcode exec`: one program in the sandbox, report as JSON with the isolation in force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realcode.cli import EXEC_EXIT_CODES, main


def test_exec_json_reports_status_output_and_isolation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = tmp_path / "p.py"
    program.write_text("name = input()\nprint('hello', name)\n")
    stdin = tmp_path / "in.txt"
    stdin.write_text("ann\n")
    assert main(["exec", str(program), "--stdin", str(stdin), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "passed" and report["stdout"] == "hello ann\n"
    assert {"method", "network", "process_limit", "uid", "warnings"} <= set(report["isolation"])


def test_exec_limits_come_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = tmp_path / "loop.py"
    program.write_text("while True:\n    pass\n")
    assert main(["exec", str(program), "--timeout", "1", "--json"]) == EXEC_EXIT_CODES["timeout"] == 4
    assert json.loads(capsys.readouterr().out)["status"] == "timeout"
    hog = tmp_path / "hog.py"
    hog.write_text("x = bytearray(400 * 1024 * 1024)\n")
    assert main(["exec", str(hog), "--memory-mb", "256", "--json"]) == EXEC_EXIT_CODES["memory"] == 5
    assert json.loads(capsys.readouterr().out)["status"] == "memory"
    assert main(["exec", str(tmp_path / "missing.py")]) == 2


def test_exec_exit_status_says_how_the_program_ended(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for source, status in (("raise SystemExit(3)\n", "failed"), ("1 / 0\n", "crash"), ("def f(:\n", "syntax_error")):
        program = tmp_path / "p.py"
        program.write_text(source)
        code = main(["exec", str(program), "--json"])
        reported = json.loads(capsys.readouterr().out)["status"]
        assert code == EXEC_EXIT_CODES[reported] and code != 0, (source, reported)
        assert reported in (status, "failed", "crash")
