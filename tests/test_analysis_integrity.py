"""A program cannot switch its judge off, and one program never changes another's verdict.

Escape hatches: every case of ``analysis.hatch_catalog`` fails its tool's quality verdict, and its
honest twin passes. Batch isolation: a program that does not compile never reaches the tools, and
a tool that crashes, prints garbage or hangs on one program charges that program alone.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence

import pytest

from realcode.analysis import Program, get_analyzer
from realcode.analysis import tools as tool_adapters
from realcode.analysis.base import AnalyzerError, is_analyzer_error, run_tool
from realcode.analysis.finding import Finding
from realcode.analysis.hatch_catalog import CASES, NOT_COMMENTS, HatchCase
from realcode.analysis.suppressions import find_directives, neutralise
from realcode.benchmarks.task import Task
from realcode.execution.suites import StdioSuite
from realcode.scoring.score import Score
from realcode.scoring.scorer import Scorer, ScoringConfig

TOOLS = ("mypy", "ruff", "bandit")


def _task(i: int) -> Task:
    return Task(id=f"t{i}", benchmark="none", prompt=(), tests=StdioSuite(cases=()))


def _score(tool: str, programs: Sequence[str]) -> list[Score]:
    """Quality verdicts with ``tool`` as the only analyzer, nothing executed."""
    config = ScoringConfig(quality_analyzers=(tool,), extra_analyzers=(), run_tests=False, warm_workers=False)
    with Scorer(config) as scorer:
        return scorer.score_many([_task(i) for i in range(len(programs))], list(programs))


@pytest.fixture(scope="module")
def hatch_verdicts() -> dict[str, tuple[Score, Score]]:
    """(hatched, honest) scores of every catalog case, one batch per tool."""
    out: dict[str, tuple[Score, Score]] = {}
    for tool in TOOLS:
        cases = [c for c in CASES if c.tool == tool]
        scores = _score(tool, [p for c in cases for p in (c.hatched, c.honest)])
        for k, case in enumerate(cases):
            out[case.name] = (scores[2 * k], scores[2 * k + 1])
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_escape_hatch_fails_quality_and_its_honest_twin_passes(
        case: HatchCase, hatch_verdicts: dict[str, tuple[Score, Score]]) -> None:
    hatched, honest = hatch_verdicts[case.name]
    assert hatched.compiles and honest.compiles and not hatched.errors
    assert not hatched.quality_passed, case.hatched
    assert hatched.quality_findings() and all(f.analyzer == case.tool for f in hatched.quality_findings())
    assert honest.quality_passed, [f.rule_id for f in honest.findings]


def test_suppressed_problems_are_reported_on_their_own_lines() -> None:
    """The hatch is reported, and so is what it hid, on the line where it is."""
    program = "def label(count: int) -> str:\n    return count  # type: ignore[return-value]\n"
    (findings,) = get_analyzer("mypy").analyze_many([Program(program)])
    assert {(f.rule_id, f.line) for f in findings} == {("mypy/escape-hatch", 2), ("mypy/return-value", 2)}
    (lint,) = get_analyzer("ruff").analyze_many([Program("x = 1\n\n# ruff: noqa\ny = missing\n")])
    assert {(f.rule_id, f.line) for f in lint} == {("ruff/suppression", 3), ("ruff/F821", 4)}
    (sec,) = get_analyzer("bandit").analyze_many([Program(
        "import hashlib\n\nDIGEST = hashlib.md5(b'x')  # nosec\n")])
    assert {(f.rule_id, f.line) for f in sec} == {("bandit/nosec", 3), ("bandit/B324", 3)}


@pytest.mark.parametrize("program", NOT_COMMENTS)
def test_directive_text_inside_strings_is_not_a_suppression(program: str) -> None:
    for tool in TOOLS:
        assert find_directives(program, tool) == []
        assert get_analyzer(tool).analyze_many([Program(program)]) == [[]]


def test_mypy_config_line_inside_a_string_does_not_switch_mypy_off() -> None:
    program = 'NOTE = """\n# mypy: ignore-errors\n"""\n\n\ndef label(count: int) -> str:\n    return count\n'
    (findings,) = get_analyzer("mypy").analyze_many([Program(program)])
    assert [(f.rule_id, f.line) for f in findings] == [("mypy/return-value", 7)]


def test_neutralised_copy_keeps_every_other_character_in_place() -> None:
    program = "a = 1  # type: ignore\nb = '# noqa'  # noqa\n\tc = 3\t#\tTYPE:IGNORE\n"
    blanked = neutralise(program, "mypy")
    assert len(blanked) == len(program) and blanked.count("\n") == program.count("\n")
    assert "ignore" not in blanked.lower() and "b = '# noqa'  # noqa" in blanked
    assert neutralise(blanked, "mypy") == blanked
    ruff_blanked = neutralise(program, "ruff")
    assert "b = '# noqa'  " in ruff_blanked and ruff_blanked.count("noqa") == 1


def test_type_checking_import_block_without_runtime_branch_is_allowed() -> None:
    program = ("from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
               "if TYPE_CHECKING:\n    from collections.abc import Sequence\n\n\n"
               "def total(values: Sequence[int]) -> int:\n    return sum(values)\n")
    assert get_analyzer("mypy").analyze_many([Program(program)]) == [[]]


def test_a_local_function_named_compile_is_not_the_builtin() -> None:
    program = ("import re\n\n\ndef compile(pattern: str) -> re.Pattern[str]:\n    return re.compile(pattern)\n\n\n"
               "WORD = compile(r'\\w+')\n")
    assert get_analyzer("mypy").analyze_many([Program(program)]) == [[]]


# --- one program never changes another's verdict ---

GOOD = (
    "def add(a: int, b: int) -> int:\n    return a + b\n",
    "def add(a, b):\n    return a + b\n",  # untyped: mypy findings of its own
    "import hashlib\n\n\ndef digest(data: bytes) -> str:\n    return hashlib.md5(data).hexdigest()\n",
    "import subprocess\n\n\ndef run(cmd: str) -> int:\n    return subprocess.call(cmd, shell=True)\n",
    "def total(xs: list[int]) -> int:\n    return sum(xs) + missing\n",  # undefined name
    "x: int = 'text'\n",
)

# Each parses but cannot compile; before compiling for real, mypy stopped the whole batch on them.
DOES_NOT_COMPILE = (
    "def f(a: int, a: int) -> int:\n    return a\n",
    "def numbers() -> None:\n    pass\n\n\nyield 1\n",
    "LIMIT = 3\nreturn LIMIT\n",
    "count = 0\nnonlocal count\n",
    "for i in range(3):\n    pass\nbreak\n",
    "async def f() -> None:\n    pass\n\n\nawait f()\n",
    "def outer() -> None:\n    def inner() -> None:\n        nonlocal missing\n",
)


def _alone(tool: str, program: str) -> list[Finding]:
    return get_analyzer(tool).analyze_many([Program(program)])[0]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_program_that_does_not_compile_changes_no_other_verdict(tool: str) -> None:
    batch = [*GOOD, *DOES_NOT_COMPILE]
    scores = _score(tool, batch)
    for score, program in zip(scores[:len(GOOD)], GOOD, strict=True):
        assert score.compiles and not score.errors
        assert [(f.rule_id, f.line) for f in score.findings] == \
            [(f.rule_id, f.line) for f in _alone(tool, program)]
    for score in scores[len(GOOD):]:
        assert not score.compiles and not score.quality_passed and not score.findings
        assert score.test_report is not None and "SyntaxError" in (score.test_report.detail or "")


def _poisoned_run_tool(marker: str, how: str) -> Callable[[list[str], str, float], subprocess.CompletedProcess[str]]:
    """``run_tool`` that fails whenever a file holding ``marker`` is in the batch."""
    real = run_tool

    def run(argv: list[str], cwd: str, timeout: float) -> subprocess.CompletedProcess[str]:
        for arg in argv:
            if arg.endswith(".py"):
                with open(f"{cwd}/{arg}", encoding="utf-8") as handle:
                    if marker in handle.read():
                        if how == "timeout":
                            raise AnalyzerError(f"{argv[2]} timed out after {timeout}s")
                        out = "Traceback: INTERNAL ERROR" if how == "garbage" else ""
                        return subprocess.CompletedProcess(argv, 2, out, "internal error")
        return real(argv, cwd, timeout)

    return run


POISON = "POISON_MARKER = 1\n"


@pytest.mark.parametrize("how", ["crash", "garbage", "timeout"])
@pytest.mark.parametrize("tool", TOOLS)
def test_a_tool_failing_on_one_program_charges_only_that_program(
        tool: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = [_alone(tool, p) for p in GOOD]
    monkeypatch.setattr(tool_adapters, "run_tool", _poisoned_run_tool("POISON_MARKER", how))
    batch = [*GOOD[:3], POISON, *GOOD[3:]]
    scores = _score(tool, batch)
    others = scores[:3] + scores[4:]
    for score, expected in zip(others, alone, strict=True):
        assert not score.errors
        assert [(f.rule_id, f.line, f.message) for f in score.findings] == \
            [(f.rule_id, f.line, f.message) for f in expected]
    poisoned = scores[3]
    assert not poisoned.quality_passed and poisoned.errors and poisoned.errors[0].startswith(f"{tool}: ")
    assert [f.rule_id for f in poisoned.findings if is_analyzer_error(f)] == [f"{tool}/analyzer-error"]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_broken_tool_fails_the_batch_instead_of_blaming_every_program(
        tool: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def broken(argv: list[str], cwd: str, timeout: float) -> subprocess.CompletedProcess[str]:
        calls.append(1)
        return subprocess.CompletedProcess(argv, 2, "", "ImportError: broken install")

    monkeypatch.setattr(tool_adapters, "run_tool", broken)
    with pytest.raises(AnalyzerError, match="trivial program"):
        get_analyzer(tool).analyze_many([Program(p) for p in GOOD])
    assert len(calls) == 2  # the batch, then the probe: no bisection of a broken tool
    scores = _score(tool, GOOD)
    assert all(s.errors and not s.quality_passed for s in scores)
