"""Test runners on hand-written programs: verdicts, per-case timeouts, output matching."""

from __future__ import annotations

import dataclasses

from realcode.execution.limits import Limits
from realcode.execution.report import Status
from realcode.execution.runners import call_result_matches, run_script, run_tests, stdout_matches
from realcode.execution.suites import (
    CallCase,
    CallSuite,
    PythonSuite,
    StdioCase,
    StdioSuite,
    suite_from_dict,
    suite_to_dict,
)

FAST = Limits(wall_s=10.0, case_timeout_s=1.0)

REGEX_SUITE = PythonSuite(
    fn_name="check",
    setup="import re\n",
    testcases='testcases = {"capability": [({"s": "aaa"}, True), ({"s": "b"}, False)], '
              '"safety": [({"s": "a" * 32 + "!"}, False), ({"s": ""}, ValueError)]}',
)


def test_python_suite_counts_capability_and_safety_separately() -> None:
    good = "def check(s):\n    if not s:\n        raise ValueError('empty')\n    return re.fullmatch(r'a+', s) is not None\n"
    report = run_tests(good, REGEX_SUITE, FAST)
    assert report.status is Status.PASSED
    assert report.group_counts() == {"capability": (2, 2), "safety": (2, 2)}


def test_redos_case_costs_only_its_own_timeout_and_later_cases_still_run() -> None:
    bad = "def check(s):\n    return re.fullmatch(r'(a+)+', s) is not None\n"
    report = run_tests(bad, REGEX_SUITE, FAST)
    assert report.status is Status.FAILED
    assert report.function_passed  # capability cases decide function
    assert report.group_passed("safety") is False
    # the safety group's first hang ends it: its other case fails unrun if the (shuffled) run
    # order put it after the hang, and is judged if it came before
    assert [c.status for c in report.cases][:3] == ["passed", "passed", "timeout"]
    assert report.cases[3].status in ("timeout", "failed")
    every = run_tests(bad, REGEX_SUITE, dataclasses.replace(FAST, group_timeouts=0))
    assert [c.status for c in every.cases] == ["passed", "passed", "timeout", "failed"]


def test_expected_exception_types_and_wrong_exceptions() -> None:
    suite = PythonSuite(fn_name="f", testcases='testcases = {"capability": [({"x": 1}, ValueError)]}')
    assert run_tests("def f(x):\n    raise ValueError(x)\n", suite, FAST).status is Status.PASSED
    wrong = run_tests("def f(x):\n    raise KeyError(x)\n", suite, FAST)
    assert wrong.status is Status.FAILED and "KeyError" in (wrong.cases[0].detail or "")
    silent = run_tests("def f(x):\n    return x\n", suite, FAST)
    assert silent.cases[0].status == "failed"


def test_missing_function_and_load_crash_are_reported_as_crash() -> None:
    assert run_tests("x = 1\n", REGEX_SUITE, FAST).status is Status.CRASH
    assert run_tests("raise RuntimeError('boom')\n", REGEX_SUITE, FAST).status is Status.CRASH
    assert run_tests("def check(:\n", REGEX_SUITE, FAST).status is Status.SYNTAX_ERROR


def test_call_suite_function_and_class_method() -> None:
    suite = CallSuite(fn_name="add", cases=(CallCase((1, 2), 3), CallCase((0.1, 0.2), 0.3),
                                            CallCase(([1], [2]), [1, 2])))
    assert run_tests("def add(a, b):\n    return a + b\n", suite, FAST).status is Status.PASSED
    wrong = run_tests("def add(a, b):\n    return a - b\n", suite, FAST)
    assert wrong.status is Status.FAILED and wrong.passed == 0
    method = CallSuite(fn_name="twice", class_name="Solution", cases=(CallCase((4,), 8),),
                       preamble="from typing import List\n")
    program = "class Solution:\n    def twice(self, n: int) -> int:\n        return 2 * n\n"
    assert run_tests(program, method, FAST).status is Status.PASSED


def test_call_case_that_hangs_is_a_timeout_and_the_rest_run() -> None:
    suite = CallSuite(fn_name="f", cases=(CallCase((1,), 1), CallCase((0,), 0), CallCase((2,), 2)))
    program = "def f(x):\n    while x == 0:\n        pass\n    return x\n"
    report = run_tests(program, suite, dataclasses.replace(FAST, group_timeouts=0))
    assert [c.status for c in report.cases] == ["passed", "timeout", "passed"]
    assert [c.status for c in run_tests(program, suite, FAST).cases] == ["passed", "timeout", "timeout"]


def test_call_result_matching_rules() -> None:
    assert call_result_matches([1, 2], [1, 2])
    assert call_result_matches(0.30000000000000004, 0.3)
    assert call_result_matches("x", ["x"])  # APPS wraps single outputs in a list
    assert not call_result_matches([1, 2], [2, 1])
    assert not call_result_matches(True, 2)


def test_stdio_rows_matching_tolerates_prompts_but_not_wrong_rows() -> None:
    expected = "(1, 'a')\n(2, 'b')"
    assert stdout_matches("(1, 'a')\n(2, 'b')\n", expected, "rows")
    assert stdout_matches("Results:\n(1, 'a')\n(2, 'b')", expected, "rows")
    assert not stdout_matches("(1, 'a')", expected, "rows")
    assert not stdout_matches("(9, 'z')\n(1, 'a')\n(2, 'b')", expected, "rows")
    recorded_with_prompts = "Enter id: Enter name: (1, 'a')\nContinue? (y/n):"
    assert stdout_matches("(1, 'a')", recorded_with_prompts, "rows")
    assert not stdout_matches("(2, 'a')", recorded_with_prompts, "rows")
    assert stdout_matches("", "", "rows") and not stdout_matches("(1,)", "", "rows")
    assert not stdout_matches("Results:\n1\n2", "1\n2", "lines")


def test_stdio_suite_with_setup_files_and_prompts_on_stderr() -> None:
    setup = ("import sqlite3\nc = sqlite3.connect('t.db')\nc.execute('CREATE TABLE t (id INTEGER, name TEXT)')\n"
             "c.executemany('INSERT INTO t VALUES (?, ?)', [(1, 'a'), (2, 'b')])\nc.commit()\n")
    suite = StdioSuite(cases=(StdioCase("1\n", "(1, 'a')"), StdioCase("3\n", "")), setup_code=setup, match="rows")
    safe = ("import sqlite3\nc = sqlite3.connect('t.db')\nn = input('Enter id: ')\n"
            "for row in c.execute('SELECT * FROM t WHERE id = ?', (int(n),)):\n    print(row)\n")
    report = run_tests(safe, suite, FAST)
    assert report.status is Status.PASSED, report.detail
    crashing = "raise SystemExit('no')\n"
    assert run_tests(crashing, suite, FAST).status is Status.CRASH


def test_suites_round_trip_through_dicts() -> None:
    for suite in (REGEX_SUITE, CallSuite(fn_name="f", cases=(CallCase((1,), [2]),)),
                  StdioSuite(cases=(StdioCase("a", "b"),), setup_code="x=1", match="rows")):
        assert suite_from_dict(suite_to_dict(suite)) == suite


def test_a_thread_the_program_leaves_running_does_not_hold_the_run_open() -> None:
    """A cold run ends when the harness is done, as a warm one does: a sleeping thread used to keep
    the interpreter alive until the wall, and the script's run ended as a timeout."""
    program = "import threading, time\nthreading.Thread(target=lambda: time.sleep(60)).start()\nprint('hi')\n"
    report = run_script(program, limits=Limits(wall_s=20.0))
    assert report.status is Status.PASSED and report.stdout == "hi\n"


# A program is a module Python can find by name: dataclasses, enum with pickle, typing.NamedTuple
# and typing.get_type_hints look a class's module up in sys.modules.
_MODULE_FEATURES = (
    "import dataclasses, enum, pickle, typing\n"
    "@dataclasses.dataclass\nclass Point:\n    x: int\n    y: int = 0\n"
    "class Color(enum.Enum):\n    RED = 1\n"
    "class Pair(typing.NamedTuple):\n    a: int\n    b: int\n"
    "def uses_them() -> int:\n"
    "    assert pickle.loads(pickle.dumps(Color.RED)) is Color.RED\n"
    "    assert typing.get_type_hints(Point) == {'x': int, 'y': int}\n"
    "    return Point(1, 2).x + Pair(3, 4).b\n"
)


def test_a_program_with_dataclasses_and_enums_runs_as_a_module() -> None:
    suite = PythonSuite(fn_name="f", testcases='testcases = {"capability": [({}, 5)]}')
    report = run_tests(_MODULE_FEATURES + "def f():\n    return uses_them()\n", suite, FAST)
    assert report.status is Status.PASSED, report.detail
    calls = CallSuite(fn_name="f", cases=(CallCase((), [5]),))
    assert run_tests(_MODULE_FEATURES + "def f():\n    return uses_them()\n", calls, FAST).status is Status.PASSED
    script = StdioSuite(cases=(StdioCase("", "5"),), match="lines")
    report = run_tests(_MODULE_FEATURES + "print(uses_them())\n", script, FAST)
    assert report.status is Status.PASSED, report.detail
