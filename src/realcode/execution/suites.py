"""Test-suite specifications: what a program is checked against. Plain data, serialisable."""

from __future__ import annotations

import json
import weakref
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class StdioCase:
    stdin: str
    expected: str


@dataclass(frozen=True)
class StdioSuite:
    """Whole-program tests: feed stdin, compare stdout.

    ``setup_code`` (e.g. SafeSQL's ``construct_db``) runs once in the sandbox; the files it creates
    are copied into each case's private directory. ``match`` is ``lines`` (exact after trimming
    line ends and blank lines) or ``rows`` (the expected lines must be the printed result rows;
    echoed prompts and chatter before them are ignored).
    """

    cases: tuple[StdioCase, ...]
    setup_code: str | None = None
    match: str = "lines"
    kind: str = field(default="stdio", init=False)


@dataclass(frozen=True)
class CallCase:
    args: tuple[Any, ...]
    expected: Any


@dataclass(frozen=True)
class CallSuite:
    """Call ``fn_name(*args)`` (or ``class_name().fn_name(*args)``); compare in the parent process.

    ``visible`` are the indices of cases the task's prompt shows (a program can hard-code them);
    ``generated`` those derived from the given ones (``benchmarks.augment``). When some case is
    not visible, only the hidden ones decide the function verdict (``apply_visibility``).
    """

    fn_name: str
    cases: tuple[CallCase, ...]
    class_name: str | None = None
    preamble: str = ""
    kind: str = field(default="call", init=False)
    visible: tuple[int, ...] = ()
    generated: tuple[int, ...] = ()
    encoded_args: bool = False  # arguments in the harness's plain encoding (tuples, int keys, bytes)


@dataclass(frozen=True)
class PythonSuite:
    """SecCodePLT-style suite: ``setup`` + program, then ``testcases`` source defining
    ``testcases = {group: [(kwargs, expected value or exception type), ...]}``.

    ``function_groups`` are the groups that decide the function verdict (capability tests);
    the others (safety) are reported separately.
    """

    fn_name: str
    testcases: str
    setup: str = ""
    groups: tuple[str, ...] = ("capability", "safety")
    function_groups: tuple[str, ...] = ("capability",)
    kind: str = field(default="python", init=False)


@dataclass(frozen=True)
class CheckSuite:
    """A test function that drives the candidate itself (HumanEval's ``check(candidate)`` with
    loops, random inputs or helpers). It never runs in the program's process: an oracle run calls
    ``check`` on the task's ``reference``, records every call (arguments, and what the reference
    returned) and those calls become the program's call cases, compared in the parent."""

    fn_name: str
    check_source: str
    reference: str
    check_name: str = "check"
    kind: str = field(default="check", init=False)


TestSuite = StdioSuite | CallSuite | PythonSuite | CheckSuite


def suite_to_dict(suite: TestSuite) -> dict[str, Any]:
    return asdict(suite)


def suite_from_dict(data: dict[str, Any]) -> TestSuite:
    data = dict(data)
    kind = data.pop("kind")
    if kind == "stdio":
        stdio_cases = tuple(StdioCase(**c) for c in data.pop("cases"))
        return StdioSuite(cases=stdio_cases, **data)
    if kind == "call":
        call_cases = tuple(CallCase(tuple(c["args"]), c["expected"]) for c in data.pop("cases"))
        for key in ("visible", "generated"):
            data[key] = tuple(int(i) for i in data.get(key, ()))
        return CallSuite(cases=call_cases, **data)
    if kind == "python":
        for key in ("groups", "function_groups"):
            data[key] = tuple(data[key])
        return PythonSuite(**data)
    if kind == "check":
        return CheckSuite(**data)
    raise ValueError(f"unknown test suite kind {kind!r}")


VISIBLE, HIDDEN = "visible", "hidden"


def case_visibility(suite: TestSuite) -> list[str] | None:
    """``visible``/``hidden`` per case of a call suite that marks visible cases; None otherwise."""
    if not isinstance(suite, CallSuite) or not suite.visible:
        return None
    shown = set(suite.visible)
    return [VISIBLE if i in shown else HIDDEN for i in range(len(suite.cases))]


_fingerprints: dict[int, tuple[weakref.ref[Any], str]] = {}


def suite_fingerprint(suite: TestSuite) -> str:
    """Stable text identifying a suite's content (for cache keys). Remembered per suite object
    (suites are frozen; their cases may hold lists, so they are not hashable): every sample of a
    task asks for it, and serializing a suite cost more than the rest of a cache lookup."""
    known = _fingerprints.get(id(suite))
    if known is not None and known[0]() is suite:  # a dead suite's id may be reused
        return known[1]
    text = json.dumps(suite_to_dict(suite), sort_keys=True, default=repr)
    if len(_fingerprints) > 4096:
        _fingerprints.clear()
    _fingerprints[id(suite)] = (weakref.ref(suite), text)  # a lost race only recomputes
    return text
