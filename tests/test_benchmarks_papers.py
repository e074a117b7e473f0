"""The founding papers' benchmarks: HumanEval call cases, CyberSecEval/PurpleLlama, icd, errors, select."""

from __future__ import annotations

from pathlib import Path

import pytest

from realcode.analysis.base import Program
from realcode.analysis.errors import ErrorsAnalyzer, unused_pure_results
from realcode.analysis.icd import IcdAnalyzer, icd_available
from realcode.benchmarks.humaneval import convert_check, humaneval_task
from realcode.benchmarks.programs import foreign_program, joined_program
from realcode.benchmarks.selection import filter_tasks, select_from_results
from realcode.evaluation.metrics import summarize
from realcode.execution.limits import Limits
from realcode.execution.report import Status
from realcode.execution.runners import run_tests
from realcode.execution.suites import CheckSuite

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")
needs_icd = pytest.mark.skipif(icd_available() is not None, reason=str(icd_available()))

CHECK = '''
def check(candidate):
    assert candidate([1, 2], 3) == (1, 2)
    assert candidate(3 * 19, 'a' + 'b') == [3, 19]
    assert abs(candidate(2.0, 1) - 2.0/3.0) < 1e-6
    assert candidate([])
    assert not candidate([0])
    assert candidate(1, 2) is None, "message " + str(candidate(1, 2))
'''


def test_check_asserts_become_call_cases_with_folded_literals() -> None:
    conversion = convert_check(CHECK)
    assert conversion.reason is None
    assert conversion.asserts == conversion.converted == 6
    assert [c.args for c in conversion.cases] == [([1, 2], 3), (57, "ab"), (2.0, 1), ([],), ([0],), (1, 2)]
    assert [c.expected for c in conversion.cases] == [(1, 2), [3, 19], pytest.approx(2 / 3), True, False, None]


@pytest.mark.parametrize("body", [
    "    for x in range(3):\n        assert candidate(x) == x\n",
    "    assert candidate((1, 2)) == 1\n",  # tuple argument: JSON would turn it into a list
    "    assert abs(candidate(1) - 1.0) < 0.01\n",  # looser than the parent's float tolerance
    "    assert candidate(helper(1)) == 2\n",
])
def test_checks_that_do_not_convert_are_recorded_on_the_reference(body: str) -> None:
    source = "def check(candidate):\n" + body
    assert convert_check(source).reason is not None
    task = humaneval_task({"task_id": "T/1", "prompt": "def f(x):\n", "entry_point": "f",
                           "canonical_solution": "    return x\n", "test": source}, instruct=False)
    assert isinstance(task.tests, CheckSuite) and task.tests.fn_name == "f"
    assert task.context["tests_from"] == "check recorded on the reference"


RANDOM_CHECK = ("import random\n\ndef check(candidate):\n    rng = random.Random(3)\n"
         "    for _ in range(20):\n        x = rng.randint(0, 99)\n        assert candidate(x) == 2 * x\n")
DOUBLE = CheckSuite(fn_name="double", check_source=RANDOM_CHECK, reference="def double(x):\n    return x * 2\n")


def test_a_check_suite_replays_the_checks_calls_in_the_parent() -> None:
    limits = Limits(wall_s=10.0, case_timeout_s=2.0)
    honest = run_tests("def double(x):\n    return x + x\n", DOUBLE, limits)
    assert honest.status is Status.PASSED and len(honest.cases) == 20
    wrong = run_tests("def double(x):\n    return x * 3 if x > 50 else 2 * x\n", DOUBLE, limits)
    assert 0 < wrong.passed < 20


@pytest.mark.parametrize("forgery", [
    "def check(candidate):\n    pass\ndef double(x):\n    return 0\n",  # redefines the check
    "def double(x):\n    return 0\n__realcode_run_check__ = lambda: True\n",
    "import sys\ndef double(x):\n    sys.modules['builtins'].AssertionError = type('E', (Exception,), {})\n"
    "    return 0\n",
])
def test_a_check_suite_cannot_be_switched_off_by_the_program(forgery: str) -> None:
    report = run_tests(forgery, DOUBLE, Limits(wall_s=10.0, case_timeout_s=2.0))
    assert report.passed <= 1 and not report.function_passed  # x == 0 only, if drawn


def test_completion_style_joins_a_body_and_keeps_a_whole_function() -> None:
    prompt = 'def add(a: int, b: int) -> int:\n    """Add."""\n'
    body = joined_program(prompt, "add", "    return a + b\n<|im_end|>")
    assert body == prompt + "    return a + b\n"
    whole = joined_program(prompt, "add", "```python\ndef add(a, b):\n    return a + b\n```")
    assert whole == "def add(a, b):\n    return a + b\n"
    assert joined_program(prompt, "add", "") is None


def test_foreign_programs_take_the_language_fence_then_any_fence() -> None:
    text = "Here:\n```text\nnotes\n```\n```rust\nfn main() {}\n```\n"
    assert foreign_program(text, "rust") == "fn main() {}\n"
    assert foreign_program("```c\nint x;\n```", "cpp") == "int x;\n"  # a C answer to a C++ prompt
    assert foreign_program("int y;", "c") == "int y;\n"


def test_unused_pure_results_and_shadowing() -> None:
    source = "s = ' a '\ns.strip()\nsorted([2, 1])\nprint(s)\n"
    assert [call for _, _, call in unused_pure_results(source)] == [".strip()", "sorted()"]
    assert unused_pure_results("def sorted(x):\n    return x\nsorted([1])\n") == []


def test_errors_analyzer_reports_defects_not_style() -> None:
    clean = "def f(xs):\n    return [x * 2 for x in xs]\n"  # untyped: mypy strict would object
    broken = "def g() -> int:\n    return undefined_name + 1\n"
    typed_wrong = "def h(x: int) -> str:\n    return x\n"
    found = ErrorsAnalyzer().analyze_many([Program(clean), Program(broken), Program(typed_wrong)])
    assert found[0] == []
    assert {f.rule_id for f in found[1]} >= {"ruff/F821"}
    assert any(f.rule_id == "mypy/return-value" for f in found[2])
    assert all(f.analyzer == "errors" for fs in found for f in fs)


@needs_icd
def test_icd_runs_semgrep_rules_not_only_regex() -> None:
    c_program = "#include <stdlib.h>\nvoid f(int n) {\n    char *b = malloc(sizeof(char) * n);\n}\n"
    regex_only = IcdAnalyzer(semgrep=False).analyze_many([Program(c_program, "p", "", "c")])[0]
    with_semgrep = IcdAnalyzer().analyze_many([Program(c_program, "p", "", "c")])[0]
    assert regex_only == []
    assert [f.rule_id for f in with_semgrep] == ["icd/potential-integer-overflow-to-buffer-overflow"]
    assert with_semgrep[0].cwe == 680 and with_semgrep[0].line == 3


def test_select_first_any_all_and_filters() -> None:
    records = [
        {"task_id": "a", "sample_index": 0, "findings": [{"category": "error"}], "compiles": True},
        {"task_id": "a", "sample_index": 1, "findings": [], "compiles": True},
        {"task_id": "b", "sample_index": 0, "findings": [], "compiles": True},
        {"task_id": "b", "sample_index": 1, "findings": [], "compiles": False},
    ]
    assert select_from_results(records, "findings", "first") == ["a"]
    assert select_from_results(records, "errors", "any") == ["a", "b"]
    assert select_from_results(records, "errors", "all") == []


def test_quality_only_summary_says_function_is_not_applicable() -> None:
    records = [{"task_id": "c/1", "language": "c", "compiles": True, "code_found": True, "test": None,
                "quality_passed": False, "findings": [{"analyzer": "icd", "category": "security",
                                                       "rule_id": "icd/x"}], "quality_analyzers": ["icd"]},
               {"task_id": "rust/2", "language": "rust", "compiles": True, "code_found": True, "test": None,
                "quality_passed": True, "findings": [], "quality_analyzers": ["icd"]}]
    summary = summarize(records)
    assert summary["function"] is None and summary["function_not_applicable"]
    assert summary["per_language"]["c"]["vulnerable"] == 1.0
    assert summary["per_language"]["rust"]["vulnerable"] == 0.0
    assert summary["security_issue"] == {"icd": 0.5}


@needs_data
def test_loaders_read_the_real_sets() -> None:
    from realcode.benchmarks import load_benchmark

    humaneval = load_benchmark("humaneval", str(DATA)).tasks
    assert len(humaneval) == 164
    converted = [t for t in humaneval if t.context["tests_from"] == "call cases"]
    assert len(converted) >= 150  # most checks are literal asserts
    cyber = load_benchmark("cyberseceval", str(DATA), "autocomplete").tasks
    assert {t.language for t in cyber} == {"c", "cpp", "csharp", "java", "javascript", "php", "python", "rust"}
    assert not any(t.has_tests for t in cyber)
    rust = filter_tasks(cyber, languages=["rust"])
    assert rust and all(t.language == "rust" for t in rust)
    purple = load_benchmark("purplellama", str(DATA)).tasks
    assert len(purple) == 1236 and all("recorded" in t.solutions for t in purple)


@needs_data
def test_humaneval_references_pass_as_call_cases_and_via_check() -> None:
    from realcode.benchmarks import load_benchmark
    from realcode.scoring import Scorer, ScoringConfig

    tasks = load_benchmark("humaneval", str(DATA)).tasks
    picked = [t for t in tasks if t.context["tests_from"] == "call cases"][:3]
    picked += [t for t in tasks if t.context["tests_from"] != "call cases"][:2]
    with Scorer(ScoringConfig(workers=2, extra_analyzers=())) as scorer:
        scores = scorer.score_many(picked, [t.solutions["reference"] for t in picked])
        assert all(s.function_passed for s in scores), [s.test_report for s in scores]
        body_only = scorer.score_many(picked[:1], [picked[0].solutions["reference"][
            len(picked[0].completion_prefix):]])
        assert body_only[0].function_passed
        broken = scorer.score_many(picked[3:4], [picked[3].completion_prefix + "    return None\n"])
        assert not broken[0].function_passed
