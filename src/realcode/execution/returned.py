"""Values a program returns for a call suite's inputs, case by case (no verdict).

Used to derive expected outputs from a trusted reference solution (``benchmarks.augment``): the
reference runs in the sandbox like any program, in ``call`` mode, and the returned values are read
from the ``case`` events. A case that hangs is killed at the per-case limit and the run restarts at
the next one, as test runs do; events for unknown or already answered indices are ignored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from realcode.execution.limits import Limits
from realcode.execution.sandbox import ProcessResult, run_program
from realcode.execution.suites import CallSuite

RETURNED, ERROR, TIMEOUT, CRASH, NOT_RUN = "returned", "error", "timeout", "crash", "not_run"


@dataclass(frozen=True)
class Returned:
    """One case's outcome: the value (``status == "returned"``), or why there is none."""

    status: str
    value: Any = None
    seconds: float | None = None
    detail: str | None = None


@dataclass
class ReturnedRun:
    cases: list[Returned] = field(default_factory=list)
    failure: str | None = None  # the program did not load (syntax error, crash at import...)


def returned_values(program: str, suite: CallSuite, limits: Limits | None = None) -> ReturnedRun:
    """Call ``program`` on every case of ``suite`` (expected values are not used, nor sent)."""
    limits = limits or Limits()
    spec = {"fn_name": suite.fn_name, "class_name": suite.class_name, "preamble": suite.preamble,
            "cases": [list(c.args) for c in suite.cases]}
    total = len(suite.cases)
    found: dict[int, Returned] = {}
    started, start = time.monotonic(), 0
    while start < total:
        remaining = limits.wall_s - (time.monotonic() - started)
        if remaining <= 0:
            break
        run_limits = Limits(**{**limits.to_dict(), "wall_s": remaining})
        result = run_program(program, mode="call", spec={**spec, "start": start}, limits=run_limits)
        if start == 0 and result.event("loaded") is None:
            return ReturnedRun(failure=_why_not_loaded(result))
        for event in result.events:
            index = event.get("i")
            if event.get("event") == "case" and isinstance(index, int) and start <= index < total \
                    and index not in found:
                found[index] = _outcome(event)
        begun = [e["i"] for e in result.events if e.get("event") == "case_start"
                 and isinstance(e.get("i"), int) and start <= e["i"] < total]
        stuck = next((i for i in begun if i not in found), None)
        if stuck is None:
            break  # every started case answered: the run reached its end (or its wall limit)
        status = TIMEOUT if result.case_timed_out == stuck or result.timed_out else CRASH
        found[stuck] = Returned(status, detail=f"case {stuck} ended the run ({status})")
        start = stuck + 1
    return ReturnedRun([found.get(i, Returned(NOT_RUN)) for i in range(total)])


def _outcome(event: dict[str, Any]) -> Returned:
    seconds = event.get("seconds")
    seconds = float(seconds) if isinstance(seconds, (int, float)) else None
    if event.get("status") == RETURNED:
        return Returned(RETURNED, event.get("value"), seconds)
    return Returned(ERROR, seconds=seconds, detail=str(event.get("error"))[:500])


def _why_not_loaded(result: ProcessResult) -> str:
    for name in ("sandbox_error", "exit"):
        event = result.event(name)
        if event is not None:
            return str(event.get("error") or event.get("status") or name)[:500]
    if result.timed_out:
        return "timed out while loading"
    return (result.stderr.strip() or f"exited with {result.exit_code}")[:500]
