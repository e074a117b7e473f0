"""Test-suite specifications: what a program is checked against. Plain data, serialisable."""

from __future__ import annotations

import json
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
    """Call ``fn_name(*args)`` (or ``class_name().fn_name(*args)``); compare in the parent process."""

    fn_name: str
    cases: tuple[CallCase, ...]
    class_name: str | None = None
    preamble: str = ""
    kind: str = field(default="call", init=False)


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


TestSuite = StdioSuite | CallSuite | PythonSuite


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
        return CallSuite(cases=call_cases, **data)
    if kind == "python":
        for key in ("groups", "function_groups"):
            data[key] = tuple(data[key])
        return PythonSuite(**data)
    raise ValueError(f"unknown test suite kind {kind!r}")


def suite_fingerprint(suite: TestSuite) -> str:
    """Stable text identifying a suite's content (for cache keys)."""
    return json.dumps(suite_to_dict(suite), sort_keys=True, default=repr)
