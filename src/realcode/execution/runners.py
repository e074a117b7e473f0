"""Test runners: turn a program and a test suite into a ``TestReport`` using the sandbox."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from realcode.execution.limits import Limits
from realcode.execution.oracle import (
    BLIND_GROUP,
    blind_cases,
    check_cases,
    judge_values,
    suite_case_result,
    suite_oracle,
)
from realcode.execution.report import (
    CASE_CRASH,
    CASE_ERROR,
    CASE_FAILED,
    CASE_MEMORY,
    CASE_OUTPUT,
    CASE_PASSED,
    CASE_TIMEOUT,
    CaseResult,
    Status,
    TestReport,
)
from realcode.execution.sandbox import ProcessResult, run_program
from realcode.execution.suites import CallSuite, CheckSuite, PythonSuite, StdioSuite, TestSuite
from realcode.execution.warm import WarmPool

_EXCERPT = 2000


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + f"\n... [{len(text) - _EXCERPT} more]"


_DISK_ERRORS = ("[Errno 28]", "[Errno 27]")  # ENOSPC (directory cap), EFBIG (file-size cap)


def _disk_limit(text: str) -> bool:
    return any(code in text for code in _DISK_ERRORS)


def _load_failure(result: ProcessResult) -> tuple[Status, str] | None:
    """If the program never got to its tests, why."""
    error = result.event("sandbox_error")
    if error is not None:
        return Status.SANDBOX_ERROR, str(error.get("error"))
    if result.event("loaded") is not None:
        return None
    exit_event = result.event("exit")
    status = exit_event.get("status") if exit_event else None
    message = str(exit_event.get("error")) if exit_event else _excerpt(result.stderr.strip())
    if status == "syntax_error":
        return Status.SYNTAX_ERROR, message
    if status == "memory":
        return Status.MEMORY, message
    if _disk_limit(message):
        return Status.OUTPUT_LIMIT, f"disk limit reached: {message}"
    if status == "setup_error":
        return Status.SANDBOX_ERROR, f"the task's own setup failed: {message}"
    if result.timed_out:
        return Status.TIMEOUT, "timed out while loading the program"
    if result.output_exceeded:
        return Status.OUTPUT_LIMIT, "output limit exceeded while loading the program"
    return Status.CRASH, message or f"exited with {result.exit_code or -(result.signal or 0)}"


def run_script(program: str, stdin: str | bytes = b"", limits: Limits | None = None,
               pool: WarmPool | None = None) -> TestReport:
    """Run a whole program once (``realcode exec``): the status says how it ended."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = run_program(program, mode="script", stdin=data, limits=limits, pool=pool)
    status, detail = _script_status(result)
    return TestReport(
        status=status, detail=detail, stdout=_excerpt(result.stdout), stderr=_excerpt(result.stderr),
        exit_code=result.exit_code, duration_s=result.duration_s, isolation=result.isolation,
    )


def _script_status(result: ProcessResult) -> tuple[Status, str | None]:
    failure = _load_failure(result)
    if failure is not None:
        return failure
    if result.timed_out:
        return Status.TIMEOUT, "wall-clock limit reached"
    if result.output_exceeded:
        return Status.OUTPUT_LIMIT, "output limit exceeded"
    exit_event = result.event("exit")
    if exit_event is None:
        if result.signal is not None:
            return Status.CRASH, f"killed by signal {result.signal}"
        if result.exit_code:
            return Status.CRASH, f"exited with status {result.exit_code} without finishing"
        return Status.PASSED, None  # os._exit(0): ended early, but cleanly
    status = exit_event.get("status")
    if status == "memory":
        return Status.MEMORY, str(exit_event.get("error"))
    if status == "exception":
        error = str(exit_event.get("error"))
        if _disk_limit(error):
            return Status.OUTPUT_LIMIT, f"disk limit reached: {error}"
        return Status.CRASH, error
    if status == "exit" and exit_event.get("code"):
        return Status.FAILED, f"exited with status {exit_event.get('code')}"
    return Status.PASSED, None


def run_tests(program: str, suite: TestSuite, limits: Limits | None = None,
              pool: WarmPool | None = None, *, process_per_case: bool = False) -> TestReport:
    """Run ``program`` against ``suite``; with a ``pool``, runs fork from warm workers.

    ``process_per_case`` starts a separate run for every test case and redoes the suite's setup
    each time (the way simple pipelines work; used as the baseline in benchmarks).
    Never raises for anything the program does."""
    limits = limits or Limits()
    if isinstance(suite, StdioSuite) and process_per_case:
        return _run_stdio_per_case(program, suite, limits, pool)
    report = _run_cases(program, suite, limits, pool, process_per_case)
    if report.limits is None:  # it ended before its cases: the limits it would have had
        report.limits = limits_in_force(limits, len(report.cases) or len(limits.case_limits_s))
    return report


# ----------------------------------------------------------------------------- stdio


def _output_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines() if line.strip()]


def _looks_like_row(line: str) -> bool:
    return line.lstrip().startswith(("(", "["))


def stdout_matches(actual: str, expected: str, match: str = "lines") -> bool:
    """Compare printed output.

    ``rows`` mode accepts, besides an exact match, (a) chatter such as headers before the expected
    rows, and (b) expected output recorded with ``input()`` prompts in it (datasets captured the
    prompts on stdout; our harness sends them to stderr): each printed line must then close an
    expected line whose text before it is prompt text, and the other expected lines must be
    prompts only.
    """
    got, want = _output_lines(actual), _output_lines(expected)
    if got == want:
        return True
    if match != "rows":
        return False
    if not want:
        return not any(_looks_like_row(line) for line in got)
    head, tail = got[: len(got) - len(want)], got[len(got) - len(want) :]
    if tail == want and not any(_looks_like_row(line) for line in head):
        return True
    return _aligned_with_prompts(got, want)


def _is_prompt(text: str) -> bool:
    return text.rstrip().endswith((":", "?", ">", "?)", ":)")) or not text.strip()


def _aligned_with_prompts(got: list[str], want: list[str]) -> bool:
    position = 0
    for line in want:
        if position < len(got) and line.endswith(got[position]) and _is_prompt(
                line[: len(line) - len(got[position])]):
            position += 1
        elif not _is_prompt(line):
            return False
    return position == len(got) and bool(got)


def _build_setup_files(setup_code: str, limits: Limits) -> tuple[str | None, tuple[tuple[str, bytes], ...]]:
    """Run a suite's setup in the sandbox; the files it leaves (e.g. a SQLite database), or why not."""
    result = run_program(setup_code, mode="script", limits=limits, collect_files=True)
    status, detail = _script_status(result)
    if status is not Status.PASSED:
        return f"the task's setup code failed ({status.value}): {detail}", ()
    return None, tuple(sorted(result.files.items()))


_setup_guard = threading.Lock()
_setup_locks: dict[str, threading.Lock] = {}
_setup_done: dict[str, tuple[str | None, dict[str, bytes]]] = {}


def _setup_key(setup_code: str) -> str:
    return hashlib.sha256(setup_code.encode()).hexdigest()


def _setup_files(setup_code: str, limits: Limits) -> tuple[str | None, dict[str, bytes]]:
    """Run the suite's setup once per distinct setup (e.g. build a SQLite database) and reuse it.
    One lock per setup: different tasks build their databases in parallel."""
    key = _setup_key(setup_code)
    with _setup_guard:
        lock = _setup_locks.setdefault(key, threading.Lock())
    with lock:
        with _setup_guard:
            found = _setup_done.get(key)
        if found is None:
            error, built = _build_setup_files(setup_code, _setup_limits(limits))
            found = error, dict(built)
            if error is None:  # a failure may be the machine's: tried again next time
                seed_setup_files(setup_code, found[1])
    return found[0], dict(found[1])


def known_setup_files(setup_code: str) -> dict[str, bytes] | None:
    """The files a setup left, when it already ran in this process (for a disk cache)."""
    with _setup_guard:
        found = _setup_done.get(_setup_key(setup_code))
    return dict(found[1]) if found is not None and found[0] is None else None


def seed_setup_files(setup_code: str, files: dict[str, bytes]) -> None:
    """Remember what a setup left (built here, or read back from the parent's disk cache)."""
    with _setup_guard:
        if len(_setup_done) > 1024:
            _setup_done.clear()
        _setup_done[_setup_key(setup_code)] = (None, dict(files))


def _setup_limits(limits: Limits) -> Limits:
    """The setup is the task's, not the program's: the same limits whatever a sample's calibration."""
    return Limits(wall_s=max(limits.wall_s, 30.0), memory_mb=limits.memory_mb,
                  max_file_mb=limits.max_file_mb, workdir_mb=limits.workdir_mb, calibrate=False)


def _run_stdio_per_case(program: str, suite: StdioSuite, limits: Limits,
                        pool: WarmPool | None) -> TestReport:
    """The baseline way: a separate run per case, the setup (database) rebuilt before each."""
    started = time.monotonic()
    files: dict[str, bytes] = {}
    cases: list[CaseResult] = []
    last: ProcessResult | None = None
    isolation: dict[str, Any] = {}
    for index, case in enumerate(suite.cases):
        if suite.setup_code:
            error, built = _build_setup_files(suite.setup_code, limits)
            if error:
                return TestReport(status=Status.SANDBOX_ERROR, detail=error)
            files = dict(built)
        result = run_program(program, mode="script", spec={"quiet_input_prompt": True},
                             stdin=case.stdin.encode(), files=files, limits=limits, pool=pool)
        last, isolation = result, result.isolation
        failure = _load_failure(result)
        if failure is not None and failure[0] in (Status.SYNTAX_ERROR, Status.SANDBOX_ERROR):
            return TestReport(status=failure[0], detail=failure[1], stderr=_excerpt(result.stderr),
                              duration_s=time.monotonic() - started, isolation=isolation)
        status, detail = _script_status(result)
        if status is Status.PASSED:
            ok = stdout_matches(result.stdout, case.expected, suite.match)
            cases.append(CaseResult(index, CASE_PASSED if ok else CASE_FAILED,
                                    detail=None if ok else _mismatch(result.stdout, case.expected),
                                    discriminating=_discriminating(suite, index)))
        else:
            case_status = {Status.TIMEOUT: CASE_TIMEOUT, Status.MEMORY: CASE_MEMORY,
                           Status.OUTPUT_LIMIT: CASE_OUTPUT, Status.FAILED: CASE_ERROR}
            cases.append(CaseResult(index, case_status.get(status, CASE_ERROR), detail=detail,
                                    discriminating=_discriminating(suite, index)))
    return _finish(cases, started, last, isolation, None, every_error_is_crash=True)


def _discriminating(suite: TestSuite, index: int) -> bool:
    """A stdin case expecting no output is passed by a program that does nothing."""
    return not isinstance(suite, StdioSuite) or bool(suite.cases[index].expected.strip())


def _mismatch(actual: str, expected: str) -> str:
    return f"expected {_excerpt(expected.strip())!r}, got {_excerpt(actual.strip())!r}"


# ----------------------------------------------------------------------------- call / python suites


def values_equal(actual: Any, expected: Any) -> bool:
    """Equality for returned values after a JSON round trip: tuples are lists, floats are close."""
    if isinstance(actual, float) or isinstance(expected, float):
        if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
            if isinstance(actual, bool) or isinstance(expected, bool):
                return actual == expected
            return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=1e-9)
        return False
    if isinstance(actual, list) and isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(
            values_equal(a, e) for a, e in zip(actual, expected, strict=True)
        )
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            values_equal(actual[k], expected[k]) for k in actual
        )
    return bool(actual == expected)


def call_result_matches(actual: Any, expected: Any) -> bool:
    """APPS convention: a single-element list of expected outputs also accepts the bare element."""
    if values_equal(actual, expected):
        return True
    return isinstance(expected, list) and len(expected) == 1 and values_equal(actual, expected[0])


@dataclass(frozen=True)
class _Plan:
    """What the parent runs and checks against: the program's spec, the case count and groups,
    and (for SecCodePLT-style suites) the expected outcomes the oracle run computed."""

    mode: str
    spec: dict[str, Any]
    groups: tuple[str, ...]
    files: dict[str, bytes]
    expected: tuple[dict[str, Any], ...] = ()
    judge: TestSuite | None = None  # the suite cases are judged by, when not the one given
    # Where the run's cases come from: position -> the case's index in the suite (empty: the
    # same order). ``groups``, ``expected`` and the run's events follow the run's order.
    order: tuple[int, ...] = ()


def _plan(suite: TestSuite, limits: Limits, pool: WarmPool | None, program: str = "") -> _Plan | TestReport:
    if isinstance(suite, StdioSuite):
        files: dict[str, bytes] = {}
        if suite.setup_code:
            error, files = _setup_files(suite.setup_code, limits)
            if error:
                return TestReport(status=Status.SANDBOX_ERROR, detail=error)
        spec: dict[str, Any] = {"cases": [c.stdin for c in suite.cases], "files": sorted(files),
                                "quiet_input_prompt": True, "max_output": limits.max_output_bytes}
        return _Plan("stdio", spec, ("tests",) * len(suite.cases), files)
    if isinstance(suite, CheckSuite):
        recorded = check_cases(suite, pool)
        if isinstance(recorded, str):
            return TestReport(status=Status.SANDBOX_ERROR, detail=recorded)
        plan = _plan(recorded, limits, pool, program)
        return plan if isinstance(plan, TestReport) else dataclasses.replace(plan, judge=recorded)
    if isinstance(suite, CallSuite):
        spec = {"fn_name": suite.fn_name, "class_name": suite.class_name,
                "preamble": suite.preamble, "cases": [list(c.args) for c in suite.cases],
                "encoded_args": suite.encoded_args}
        return _Plan("call", spec, ("tests",) * len(suite.cases), {}, judge=suite)
    oracle = suite_oracle(suite, limits, pool)
    if isinstance(oracle, str):
        return TestReport(status=Status.SANDBOX_ERROR, detail=oracle,
                          function_groups=_function_groups(suite))
    # The program's run sees every case in one group, shuffled (seeded by the program, so a
    # verdict is reproducible): neither a label nor a position tells it a safety case.
    blinded = blind_cases(suite.testcases, suite.groups, f"{program}\0{suite.testcases}")
    if blinded is None or len(blinded[1]) != len(oracle):
        return TestReport(status=Status.SANDBOX_ERROR, function_groups=_function_groups(suite),
                          detail="the suite's test source is not a single literal `testcases` table, "
                                 "so its expected values and groups cannot be kept out of the "
                                 "program's process")
    source, order = blinded
    spec = {"fn_name": suite.fn_name, "setup_code": suite.setup, "testcases": source,
            "groups": [BLIND_GROUP]}
    return _Plan("suite", spec, tuple(str(oracle[i]["group"]) for i in order), {},
                 expected=tuple(oracle[i] for i in order), order=order)


# Test inputs a program's run may read only after loading (stdin cases run the whole program
# inside each case's clock already).
_SEALED = {"call": ("cases",), "suite": ("testcases",)}


def _run_cases(program: str, suite: TestSuite, limits: Limits,
               pool: WarmPool | None, process_per_case: bool = False) -> TestReport:
    """Run all cases in as few processes as possible: a case that hangs or kills its process
    is recorded and the run restarts from the next case. Stdio cases each run in a child the
    harness forks, with a fresh copy of the setup's files.

    Verdicts are decided here, in the parent: the sandbox reports only what the program printed,
    returned or raised, and the parent trusts no event it did not ask for (see ``_EventCheck``).

    ``limits.wall_s`` is a wall for the whole program: the runs after a hung case share what is
    left of it. The suite's own set-up (oracle, database) is computed once per suite before the
    program's clock starts."""
    plan = _plan(suite, limits, pool, program)
    if isinstance(plan, TestReport):
        return plan
    in_order = limits  # the suite's per-case limits, reported with the result
    if plan.order and limits.case_limits_s:
        limits = dataclasses.replace(limits, case_limits_s=tuple(limits.case_limit(i) for i in plan.order))
    started = time.monotonic()
    total = len(plan.groups)
    results: dict[int, CaseResult] = {}
    pending: dict[int, Any] = {}  # returned values that the task's matcher objects judge
    seconds: dict[int, float] = {}
    start, last, isolation = 0, None, {}
    timeouts: dict[str, int] = {}  # per group: how many of its cases exceeded their limit
    deadline = started + limits.wall_s
    while start < total or (start == 0 and total == 0):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        run_limits = dataclasses.replace(limits, wall_s=remaining)
        window: dict[str, Any] = {"start": start, "end": start + 1} if process_per_case else {"start": start}
        decided = sorted(i for i in results if i >= start)  # failed unrun (an exhausted group)
        if decided:
            window["skip"] = decided
        order = tuple(i for i in range(start, window.get("end", total)) if i not in results)
        result = run_program(program, mode=plan.mode, spec={**plan.spec, **window},
                             limits=run_limits, pool=pool, files=plan.files, seal=_SEALED.get(plan.mode, ()),
                             case_order=order)
        last, isolation = result, result.isolation
        check = _EventCheck(start, total)
        forged = check.scan(result)
        if forged is not None:
            return TestReport(status=Status.FORGED, detail=f"result channel forged: {forged}",
                              stdout=_excerpt(result.stdout), stderr=_excerpt(result.stderr),
                              duration_s=time.monotonic() - started, isolation=isolation,
                              function_groups=_function_groups(suite))
        if start == 0:
            failure = _load_failure(result)
            if failure is not None:
                return TestReport(status=failure[0], detail=failure[1],
                                  stdout=_excerpt(result.stdout), stderr=_excerpt(result.stderr),
                                  duration_s=time.monotonic() - started, isolation=isolation,
                                  function_groups=_function_groups(suite))
        exit_event = result.event("exit")
        if not check.started and exit_event is not None and exit_event.get(
            "status") in ("exception", "setup_error"):
            bad = Status.CRASH if exit_event.get("status") == "exception" else Status.SANDBOX_ERROR
            return TestReport(status=bad, detail=str(exit_event.get("error")),
                              stdout=_excerpt(result.stdout), stderr=_excerpt(result.stderr),
                              duration_s=time.monotonic() - started, isolation=isolation,
                              function_groups=_function_groups(suite))
        for index, event in check.cases.items():
            if index in results:
                continue  # decided already (not to be run): no event changes that
            results[index] = _case_result(event, plan.judge or suite, plan)
            if plan.expected and "judge" in plan.expected[index] and event.get("status") == "returned":
                pending[index] = event.get("value")
        seconds.update(result.case_seconds)
        stuck = result.case_timed_out
        if stuck is None:
            unfinished = [i for i in check.started if i not in results]
            if unfinished and (exit_event is None or result.timed_out):
                stuck = unfinished[-1]
                status = CASE_TIMEOUT if result.timed_out else (
                    CASE_OUTPUT if result.output_exceeded else CASE_CRASH)
                results[stuck] = CaseResult(stuck, status, detail=_ended_detail(result))
            if result.timed_out:
                break
            if stuck is None:
                if process_per_case and start + 1 < total:
                    start += 1
                    continue
                break
        else:
            results[stuck] = CaseResult(stuck, CASE_TIMEOUT,
                                        detail=f"exceeded the per-case limit of {limits.case_limit(stuck):g}s")
        start = _next_start(stuck, plan.groups, results, timeouts, limits.group_timeouts,
                            _function_groups(suite), plan.order)
    groups = plan.groups
    if plan.order:  # back to the suite's own case numbers
        results = {plan.order[p]: case for p, case in results.items()}
        pending = {plan.order[p]: value for p, value in pending.items()}
        seconds = {plan.order[p]: taken for p, taken in seconds.items()}
        for index, case in results.items():
            case.index = index
        groups = tuple(g for _, g in sorted(zip(plan.order, plan.groups, strict=True)))
    if pending and isinstance(suite, PythonSuite):
        _judge_matchers(suite, pending, results, limits, pool)
    cases = []
    for index in range(total):  # the suite says how many cases there are, never the program
        case = results.get(index) or CaseResult(
            index, CASE_TIMEOUT, detail=f"not run: the program's wall of {limits.wall_s:g}s was spent")
        case.group = groups[index]
        case.discriminating = _discriminating(suite, index)
        case.seconds = round(seconds[index], 4) if index in seconds else None
        cases.append(case)
    report = _finish(cases, started, last, isolation, _function_groups(suite),
                     every_error_is_crash=isinstance(suite, StdioSuite))
    report.limits = limits_in_force(in_order, total)
    return report


def _next_start(stuck: int, groups: tuple[str, ...], results: dict[int, CaseResult],
                timeouts: dict[str, int], allowed: int,
                function_groups: tuple[str, ...] | None = None, order: tuple[int, ...] = ()) -> int:
    """Where the run goes on after case ``stuck`` hung or ended its process: the next case, or,
    once its group has hung ``allowed`` times, the next case of a group that has not (the cases
    passed over fail unrun). A group that decides function (``function_groups``; None: every
    group) takes the other groups with it: a program that does not finish its ordinary cases has
    failed, and running its safety cases would only spend their limits too."""
    following = stuck + 1
    if not allowed or results[stuck].status != CASE_TIMEOUT:
        return following
    group = groups[stuck]
    timeouts[group] = timeouts.get(group, 0) + 1
    exhausted = {g for g, count in timeouts.items() if count >= allowed}
    deciding = function_groups is None or group in function_groups
    if group in exhausted and deciding:
        exhausted = set(groups)
    for index in range(following, len(groups)):
        if groups[index] in exhausted and index not in results:
            results[index] = CaseResult(
                index, CASE_TIMEOUT,
                detail=f"not run: the program already exceeded its limit on case "
                       f"{order[stuck] if order else stuck}"
                + (" of this group" if groups[index] == group else f" ({group})"))
    while following < len(groups) and groups[following] in exhausted:
        following += 1
    return following


def limits_in_force(limits: Limits, total: int) -> dict[str, Any]:
    """The time limits a report was judged under (reported with each result)."""
    return {"wall_s": limits.wall_s, "case_s": [limits.case_limit(i) for i in range(total)],
            "calibrated": bool(limits.case_limits_s), "group_timeouts": limits.group_timeouts}


def _judge_matchers(suite: PythonSuite, pending: dict[int, Any], results: dict[int, CaseResult],
                    limits: Limits, pool: WarmPool | None) -> None:
    judged = judge_values(suite, pending, limits, pool)
    for index in pending:
        if isinstance(judged, str):
            results[index] = CaseResult(index, CASE_ERROR, results[index].group, judged)
        elif judged.get(index):
            results[index] = CaseResult(index, CASE_PASSED, results[index].group)
        else:
            results[index] = CaseResult(index, CASE_FAILED, results[index].group,
                                        f"returned {_excerpt(repr(pending[index]))}, which the task's "
                                        "matcher does not accept")


_HARNESS_EVENTS = frozenset({"loaded", "case_start", "case", "exit", "sandbox_error"})


class _EventCheck:
    """The parent's reading of a run's result channel. The program shares a process with the
    harness (or can reach its pipe), so every event is checked: only the harness's own event
    kinds, one ``loaded``, case indices inside this run's window and each accepted once, a case
    only after its own ``case_start``, nothing after ``exit``. Anything else is forgery."""

    def __init__(self, start: int, total: int) -> None:
        self.start, self.total = start, total
        self.started: list[int] = []
        self.cases: dict[int, dict[str, Any]] = {}

    def scan(self, result: ProcessResult) -> str | None:
        if result.garbage_lines:
            return f"{result.garbage_lines} line(s) on the result pipe that the harness did not write"
        loaded = exited = False
        current: int | None = None
        for event in result.events:
            name = event.get("event")
            if exited:
                return f"event {name!r} after the end of the run"
            if name not in _HARNESS_EVENTS:
                return f"unknown event {name!r}"
            if name == "loaded":
                if loaded:
                    return "a second 'loaded' event"
                loaded = True
            elif name == "exit":
                exited = True
            elif name in ("case_start", "case"):
                index = event.get("i")
                if type(index) is not int or not self.start <= index < self.total:
                    return f"case index {index!r} outside this run's cases [{self.start}, {self.total})"
                if name == "case_start":
                    if index in self.started or (current is not None and current not in self.cases):
                        return f"case {index} started twice or before case {current} ended"
                    self.started.append(index)
                    current = index
                else:
                    if index != current or index in self.cases:
                        return f"a result for case {index}, which is not the running case"
                    self.cases[index] = event
        return None


def _function_groups(suite: TestSuite) -> tuple[str, ...] | None:
    return suite.function_groups if isinstance(suite, PythonSuite) else None


def _ended_detail(result: ProcessResult) -> str:
    if result.timed_out:
        return "wall-clock limit reached"
    if result.output_exceeded:
        return "output limit exceeded"
    if result.signal is not None:
        return f"process killed by signal {result.signal}"
    return f"process ended during the case (exit status {result.exit_code})"


_STDIO_STATUS = {"timeout": CASE_TIMEOUT, "memory": CASE_MEMORY, "output_limit": CASE_OUTPUT,
                 "error": CASE_ERROR}


def _case_result(event: dict[str, Any], suite: TestSuite, plan: _Plan) -> CaseResult:
    index, status = int(event["i"]), str(event.get("status"))
    group = plan.groups[index]
    if isinstance(suite, StdioSuite):
        stdout = str(event.get("stdout") or "")
        if status == "ok":
            wanted = suite.cases[index].expected
            ok = stdout_matches(stdout, wanted, suite.match)
            return CaseResult(index, CASE_PASSED if ok else CASE_FAILED, group,
                              None if ok else _mismatch(stdout, wanted))
        why = str(event.get("error") or f"exit status {event.get('exit')}")
        return CaseResult(index, _STDIO_STATUS.get(status, CASE_ERROR), group, _excerpt(why))
    if isinstance(suite, CallSuite):
        if status == "returned":
            expected = suite.cases[index].expected
            ok = call_result_matches(event.get("value"), expected)
            detail = None if ok else f"expected {_excerpt(repr(expected))}, got {_excerpt(repr(event.get('value')))}"
            return CaseResult(index, CASE_PASSED if ok else CASE_FAILED, group, detail)
        return CaseResult(index, CASE_MEMORY if status == "memory" else CASE_ERROR, group,
                          _excerpt(str(event.get("error"))))
    return suite_case_result(index, group, event, plan.expected[index])


def _finish(
    cases: list[CaseResult],
    started: float,
    last: ProcessResult | None,
    isolation: dict[str, Any],
    function_groups: tuple[str, ...] | None,
    every_error_is_crash: bool = False,
) -> TestReport:
    """Aggregate case results; ``every_error_is_crash``: for whole-program runs, a program that
    raises on every input does not run (for function calls it loaded, so it is merely wrong)."""
    if not cases:
        status, detail = Status.FAILED, "the suite has no test cases"
    elif all(c.passed for c in cases):
        status, detail = Status.PASSED, None
    else:
        kinds = {c.status for c in cases}
        whole = {CASE_TIMEOUT: Status.TIMEOUT, CASE_MEMORY: Status.MEMORY, CASE_CRASH: Status.CRASH,
                 CASE_OUTPUT: Status.OUTPUT_LIMIT}
        # Every case ended the same abnormal way: the program does not really run.
        if len(kinds) == 1 and next(iter(kinds)) in whole:
            status = whole[next(iter(kinds))]
        elif kinds == {CASE_ERROR} and every_error_is_crash:
            status = Status.CRASH
        else:
            status = Status.FAILED
        first_bad = next(c for c in cases if not c.passed)
        detail = f"case {first_bad.index}: {first_bad.status}" + (
            f": {first_bad.detail}" if first_bad.detail else "")
    return TestReport(
        status=status, cases=cases, detail=detail,
        stdout=_excerpt(last.stdout) if last else "", stderr=_excerpt(last.stderr) if last else "",
        duration_s=time.monotonic() - started, isolation=isolation, function_groups=function_groups,
    )
