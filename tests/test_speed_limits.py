"""Time limits: calibrated per case from the reference, a wall for the whole program, reported.

No test here measures speed (benchmarks/scoring_throughput.py does, side by side); each checks a
rule: which limit a case gets, which cases a spent wall leaves unrun, what is cached.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from realcode.execution.calibration import Calibrator, ReferenceTiming, calibrated_limits
from realcode.execution.imports import preloadable_imports
from realcode.execution.limits import Limits
from realcode.execution.oracle import known_oracle
from realcode.execution.report import Status
from realcode.execution.runners import run_tests
from realcode.execution.sandbox import run_program
from realcode.execution.suites import CallCase, CallSuite, PythonSuite, StdioCase, StdioSuite
from realcode.execution.warm import WarmPool
from realcode.scoring.scorer import expected_cost

SLEEPY = "import time\n\ndef f(x):\n    time.sleep(x)\n    return x\n"
HANGS = "def f(x):\n    while True:\n        pass\n"
SUITE = CallSuite("f", tuple(CallCase((0.0,), 0.0) for _ in range(6)))


def test_calibrated_limit_is_a_multiple_of_the_reference_between_floor_and_ceiling() -> None:
    limits = Limits(case_timeout_s=5.0, time_factor=4.0, time_floor_s=0.5, time_ceiling_s=3.0)
    timing = ReferenceTiming((0.001, 0.2, 2.0, None), "failed")
    assert calibrated_limits(limits, timing).case_limits_s == (0.5, 0.8, 3.0, 5.0)  # floor, x4, ceiling, default


def test_without_reference_or_calibration_every_case_keeps_the_default() -> None:
    timing = ReferenceTiming((0.01, 0.01), "passed")
    assert calibrated_limits(Limits(), None).case_limits_s == ()
    assert calibrated_limits(Limits(calibrate=False), timing).case_limits_s == ()
    assert calibrated_limits(Limits(), ReferenceTiming((None, None), "crash")).case_limits_s == ()
    assert calibrated_limits(Limits(case_timeout_s=2.0), timing).ceiling_s == 2.0  # default ceiling


def test_an_untrusted_case_index_gets_the_default_limit() -> None:
    limits = Limits(case_timeout_s=5.0, case_limits_s=(0.5, 0.7))
    assert [limits.case_limit(i) for i in (0, 1, 2, -1, "0", None, True)] == [0.5, 0.7, 5.0, 5.0, 5.0, 5.0, 5.0]
    with pytest.raises(ValueError):
        Limits(case_limits_s=(0.5, 0.0))


def test_each_call_case_is_killed_at_its_own_limit() -> None:
    suite = CallSuite("f", (CallCase((2.0,), 2.0), CallCase((0.0,), 0.0)))
    report = run_tests(SLEEPY, suite, Limits(case_timeout_s=5.0, case_limits_s=(0.3, 5.0), group_timeouts=0))
    assert [c.status for c in report.cases] == ["timeout", "passed"]
    assert "0.3s" in (report.cases[0].detail or "")
    assert report.limits == {"wall_s": 10.0, "case_s": [0.3, 5.0], "calibrated": True, "group_timeouts": 0}
    assert report.cases[1].seconds is not None


def test_each_stdin_case_is_killed_at_its_own_limit() -> None:
    program = "import time\nwait = float(input())\ntime.sleep(wait)\nprint('done')\n"
    suite = StdioSuite((StdioCase("2\n", "done"), StdioCase("0\n", "done")))
    report = run_tests(program, suite, Limits(case_timeout_s=5.0, case_limits_s=(0.3, 5.0), group_timeouts=0))
    assert [c.status for c in report.cases] == ["timeout", "passed"]


def test_the_wall_bounds_the_whole_program_not_each_run() -> None:
    """Hung cases used to extend the budget by their own limit: six hung cases took 6 x 5 s
    whatever --timeout said. Now the runs after a hung case share what is left of the wall."""
    report = run_tests(HANGS, SUITE, Limits(wall_s=2.0, case_timeout_s=1.0, calibrate=False, group_timeouts=0))
    assert report.status.value == "timeout"
    unrun = [c for c in report.cases if "wall" in (c.detail or "") and "not run" in (c.detail or "")]
    assert report.cases[0].status == "timeout" and "per-case limit" in (report.cases[0].detail or "")
    assert len(unrun) >= 3  # at most two cases fit in a 2 s wall with 1 s each
    assert all(c.status == "timeout" for c in report.cases)


def test_a_failed_load_still_reports_its_limits() -> None:
    report = run_tests("raise SystemExit(3)\n", SUITE, Limits(case_limits_s=(0.5,) * 6))
    assert report.limits is not None and report.limits["calibrated"] is True


def test_reference_timed_once_cached_on_disk_with_the_suite_oracle(tmp_path: Path) -> None:
    suite = PythonSuite(fn_name="double", setup="FACTOR = 2",
                        testcases="testcases = {'capability': [({'x': 1}, 2), ({'x': 2}, 4)], "
                                  "'safety': [({'x': 'a'}, TypeError)]}")
    reference = "def double(x):\n    if not isinstance(x, int):\n        raise TypeError(x)\n    return x * FACTOR\n"
    limits = Limits()
    first = Calibrator(str(tmp_path))
    timing = first.timing(suite, reference, limits)
    assert timing is not None and timing.status == "passed" and len(timing.seconds) == 3
    assert all(s is not None for s in timing.seconds) and first.measured == 1
    assert first.timing(suite, reference, limits) is timing and first.measured == 1  # memory
    stored = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert [e["group"] for e in stored["oracle"]] == ["capability", "capability", "safety"]
    second = Calibrator(str(tmp_path))
    assert second.timing(suite, reference, limits) == timing and second.measured == 0  # disk
    assert known_oracle(suite, limits) is not None
    assert Calibrator("").timing(suite, None, limits) is None  # no reference: the default limits


def test_a_reference_that_fails_a_case_leaves_it_the_default(tmp_path: Path) -> None:
    suite = CallSuite("f", (CallCase((1,), 1), CallCase((2,), 99)))
    timing = Calibrator(str(tmp_path)).timing(suite, "def f(x):\n    return x\n", Limits())
    assert timing is not None and timing.seconds[0] is not None and timing.seconds[1] is None
    limits = calibrated_limits(Limits(case_timeout_s=5.0), timing)
    assert limits.case_limits_s[0] < 5.0 and limits.case_limits_s[1] == 5.0


def test_an_unreadable_cache_file_is_measured_again(tmp_path: Path) -> None:
    suite = CallSuite("f", (CallCase((1,), 1),))
    reference = "def f(x):\n    return x\n"
    key = Calibrator.key(suite, reference, Limits())
    (tmp_path / f"{key}.json").write_text("{not json")
    calibrator = Calibrator(str(tmp_path))
    assert calibrator.timing(suite, reference, Limits()) is not None and calibrator.measured == 1


def test_longest_expected_first_orders_by_what_a_sample_can_cost() -> None:
    few = CallSuite("f", (CallCase((1,), 1),))
    many = CallSuite("f", tuple(CallCase((i,), i) for i in range(8)))
    limits = Limits(wall_s=10.0, case_timeout_s=5.0)
    assert expected_cost(many, limits, None) > expected_cost(few, limits, None)
    assert expected_cost(many, limits, None)[0] == 5.0  # a hang ends the group after one case
    every = dataclasses.replace(limits, group_timeouts=0)
    assert expected_cost(many, every, None)[0] == 10.0  # never more than the wall
    tight = calibrated_limits(every, ReferenceTiming((0.01,) * 8, "passed"))
    assert expected_cost(many, tight, ReferenceTiming((0.01,) * 8, "passed"))[0] == pytest.approx(4.0)
    two_groups = PythonSuite(fn_name="f", testcases="testcases = {}")
    assert expected_cost(two_groups, tight, ReferenceTiming((0.01,) * 8, "passed"))[0] == pytest.approx(4.0)
    assert expected_cost(two_groups, limits, ReferenceTiming((0.01,) * 8, "passed"))[0] == 10.0


def test_stdin_cases_run_back_to_back_each_from_a_fresh_start() -> None:
    """Stdin cases share one process: each still gets a fresh ``__main__`` namespace, fresh copies
    of the set-up's files in its own directory, and its own stdin (also as fd 0) and stdout."""
    setup = "open('data.txt', 'w').write('row\\n')\n"
    program = (
        "import os, sys\n"
        "try:\n    counter\nexcept NameError:\n    counter = 0\n"
        "with open('data.txt', 'a') as f:\n    f.write('mine\\n')\n"
        "rows = open('data.txt').read().split()\n"
        "given = open(0).read().split()\n"
        "print(counter, len(rows), given, len(os.listdir('.')) < 10)\n"
        "counter += 1\n"
    )
    cases = tuple(StdioCase(f"{i}\n{i + 1}\n", f"0 2 ['{i}', '{i + 1}'] True") for i in range(3))
    report = run_tests(program, StdioSuite(cases, setup_code=setup), Limits(calibrate=False))
    assert [c.status for c in report.cases] == ["passed"] * 3, report.cases


@pytest.mark.parametrize("mess", [
    "os.remove('data.txt')\nos.mkdir('data.txt')\nos.makedirs('left/over')\n",
    "os.remove('data.txt')\nos.symlink('/etc/hostname', 'data.txt')\n",
    "os.chmod('.', 0o500)\n",
    "os.chdir('..')\nimport shutil\nshutil.rmtree('.case')\nos.symlink('/tmp', '.case')\n",
    "os.chmod('data.txt', 0o400)\n",
])
def test_what_a_stdin_case_leaves_behind_never_reaches_the_next(mess: str) -> None:
    """The case directory is reused: whatever a case makes of it (the set-up's file turned into a
    folder or a symlink, files left, the folder locked or replaced), the next case finds exactly
    fresh copies of the set-up's files."""
    setup = "open('data.txt', 'w').write('row\\n')\n"
    program = ("import os\nprint(sorted(os.listdir('.')), open('data.txt').read().split(),\n"
               "      oct(os.stat('data.txt').st_mode & 0o777))\n"
               "open('extra.txt', 'w').write('x')\n" + mess)
    cases = tuple(StdioCase(f"{i}\n", "['data.txt'] ['row'] 0o600") for i in range(3))
    report = run_tests(program, StdioSuite(cases, setup_code=setup), Limits(calibrate=False))
    assert [c.status for c in report.cases] == ["passed"] * 3, report.cases


def test_a_stdin_case_that_ends_its_process_costs_only_itself() -> None:
    """``os._exit`` in one case, ``sys.exit`` and ``exit()`` in others: every case still gets a verdict."""
    program = ("import os, sys\nn = int(input())\nprint(n)\nsys.stdout.flush()\n"
               "if n == 1:\n    os._exit(0)\nif n == 2:\n    sys.exit(0)\nif n == 3:\n    exit()\n")
    suite = StdioSuite(tuple(StdioCase(f"{i}\n", str(i)) for i in range(5)))
    report = run_tests(program, suite, Limits(calibrate=False))
    assert [c.status for c in report.cases] == ["passed", "crash", "passed", "passed", "passed"]


def test_a_process_a_stdin_case_forks_never_runs_the_next_case() -> None:
    program = "import os\nprint(input())\nos.fork()\n"
    suite = StdioSuite(tuple(StdioCase(f"{i}\n", str(i)) for i in range(3)))
    report = run_tests(program, suite, Limits(calibrate=False))
    assert [c.status for c in report.cases] == ["passed"] * 3, report.cases


def test_a_program_that_hangs_in_every_case_costs_one_case_limit_per_group() -> None:
    suite = CallSuite("f", tuple(CallCase((i,), i) for i in range(6)))
    limits = Limits(wall_s=20.0, case_timeout_s=0.3, calibrate=False)
    report = run_tests(HANGS, suite, limits)
    assert report.status is Status.TIMEOUT and [c.status for c in report.cases] == ["timeout"] * 6
    assert "per-case limit" in (report.cases[0].detail or "")
    assert all("not run" in (c.detail or "") for c in report.cases[1:])
    every = run_tests(HANGS, suite, dataclasses.replace(limits, group_timeouts=0))
    assert all("per-case limit" in (c.detail or "") for c in every.cases)
    twice = run_tests(HANGS, suite, dataclasses.replace(limits, group_timeouts=2))
    assert ["per-case limit" in (c.detail or "") for c in twice.cases] == [True, True] + [False] * 4


def _two_group_suite(first: str, second: str) -> PythonSuite:
    """Capability cases take positive x, safety cases negative x; ``first`` is first in the
    suite's order (the program's run shuffles them)."""
    cases = {"capability": "[({'x': 1}, 1), ({'x': 2}, 2)]", "safety": "[({'x': -1}, -1), ({'x': -2}, -2)]"}
    return PythonSuite(fn_name="f", groups=(first, second), testcases=(
        f"testcases = {{'{first}': {cases[first]},\n             '{second}': {cases[second]}}}\n"))


def test_a_hang_in_one_group_leaves_the_other_groups_cases_running() -> None:
    """A ReDoS program hangs on its safety cases: its capability verdict still comes from every
    capability case; a case that ends the process is not a hang."""
    suite = _two_group_suite("safety", "capability")
    program = "def f(x):\n    while x < 0:\n        pass\n    return x\n"
    limits = Limits(wall_s=20.0, case_timeout_s=0.3, calibrate=False)
    report = run_tests(program, suite, limits)  # the run's order is shuffled; the report's is not
    assert [c.status for c in report.cases] == ["timeout", "timeout", "passed", "passed"]
    assert report.function_passed
    assert sorted("not run" in (c.detail or "") for c in report.cases[:2]) == [False, True]
    crashing = "import os\ndef f(x):\n    os._exit(1)\n"
    assert [c.status for c in run_tests(crashing, suite, limits).cases] == ["crash"] * 4


def test_a_hang_in_the_cases_that_decide_function_ends_every_group() -> None:
    """A program that does not finish an ordinary (capability) case has failed: its safety cases
    are not run, so a program that hangs everywhere costs one case limit, not one per group."""
    suite = _two_group_suite("capability", "safety")
    program = "def f(x):\n    while x > 1:\n        pass\n    return x\n"
    limits = Limits(wall_s=20.0, case_timeout_s=0.3, calibrate=False)
    report = run_tests(program, suite, limits)
    assert report.cases[1].status == "timeout" and "per-case limit" in (report.cases[1].detail or "")
    # cases the shuffled run reached before the hang are judged; every later one fails unrun
    others = [c for c in report.cases if c.index != 1]
    assert all(c.status == "passed" or (c.status == "timeout" and "not run" in (c.detail or "")
                                        and "capability" in (c.detail or "")) for c in others)
    assert sum("per-case limit" in (c.detail or "") for c in report.cases) == 1  # one limit spent
    assert not report.function_passed
    every = run_tests(program, suite, dataclasses.replace(limits, group_timeouts=0))
    assert [c.status for c in every.cases] == ["passed", "timeout", "passed", "passed"]


def test_import_lines_name_the_allow_listed_modules_a_worker_may_import_first() -> None:
    source = ("import re, json as j\nfrom urllib.parse import quote\n  import xml.etree.ElementTree as ET\n"
              "from . import sibling\nimport antigravity, os\nx = 'import this'\n")
    assert preloadable_imports(source) == {"re", "json", "urllib", "urllib.parse", "xml", "xml.etree",
                                           "xml.etree.ElementTree"}
    assert preloadable_imports("", "from heapq import *") == {"heapq"}


def test_a_worker_imports_what_its_runs_import_and_nothing_off_its_list() -> None:
    """The next run of the same worker inherits an allow-listed module; a module off the list
    (its import could act outside the sandbox) is imported only inside the run."""
    probe = "import sys\nprint(sorted(m for m in ('difflib', 'this') if m in sys.modules))\n"
    with WarmPool(1, preload=()) as pool:
        first = run_program("import difflib, this\n" + probe, limits=Limits(), pool=pool)
        assert first.exit_code == 0 and "['difflib', 'this']" in first.stdout
        later = run_program(probe, limits=Limits(), pool=pool)
    assert later.exit_code == 0 and later.stdout.strip() == "['difflib']", later.stdout
