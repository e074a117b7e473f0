"""Per-task time limits calibrated on the task's reference solution, the way EvalPlus sets them.

A fixed per-case limit (5 s) is what a hanging or catastrophically backtracking program costs on
every case, although the task's own solution answers most cases in milliseconds. Here the
reference solution is run once per task (in the sandbox, the same way a sample runs) and each
case's limit becomes ``time_factor`` x the reference's time on it, at least ``time_floor_s`` and at
most the ceiling (``Limits``). A case the reference does not pass keeps the configured default, so
calibration only ever tightens a limit where the reference shows how long the case needs.

Measurements are cached in memory and on disk (one small JSON file per suite and reference, in
``~/.cache/realcode/calibration``), so a task is measured once per machine, not once per run. The
same file keeps what the suite's own set-up produced while the reference ran (a SecCodePLT suite's
expected outcomes from its oracle run, the files a SafeSQL set-up builds), so a fresh process
does not redo those runs either. Only the parent reads that folder: the sandbox's file system
never shows it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realcode.execution.limits import Limits
from realcode.execution.oracle import known_oracle, seed_oracle
from realcode.execution.report import Status
from realcode.execution.runners import known_setup_files, run_tests, seed_setup_files
from realcode.execution.suites import PythonSuite, StdioSuite, TestSuite, suite_fingerprint
from realcode.execution.warm import WarmPool

DEFAULT_CACHE_DIR = Path("~/.cache/realcode/calibration")
_FORMAT = 4  # bump when what is measured changes (4: a case's time runs from the last case's result)
_MEASURE_WALL_S = 120.0  # the reference's run: long enough to time every case


@dataclass(frozen=True)
class ReferenceTiming:
    """How long the reference solution took on each case; ``None`` where it did not pass."""

    seconds: tuple[float | None, ...]
    status: str

    @property
    def usable(self) -> bool:
        return any(s is not None for s in self.seconds)

    @property
    def total_s(self) -> float:
        return sum(s for s in self.seconds if s is not None)

    def to_dict(self) -> dict[str, Any]:
        return {"format": _FORMAT, "seconds": list(self.seconds), "status": self.status}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReferenceTiming | None:
        if data.get("format") != _FORMAT or not isinstance(data.get("seconds"), list):
            return None
        seconds = tuple(float(s) if isinstance(s, (int, float)) else None for s in data["seconds"])
        return cls(seconds, str(data.get("status")))


def calibrated_limits(limits: Limits, timing: ReferenceTiming | None) -> Limits:
    """``limits`` with a limit per case from ``timing`` (none without a usable reference)."""
    if not limits.calibrate or timing is None or not timing.usable:
        return dataclasses.replace(limits, case_limits_s=())
    ceiling = limits.ceiling_s
    per_case = tuple(
        limits.case_timeout_s if s is None
        else min(max(limits.time_factor * s, limits.time_floor_s), ceiling)
        for s in timing.seconds)
    return dataclasses.replace(limits, case_limits_s=per_case)


def measuring_limits(limits: Limits) -> Limits:
    """The reference's own run: no calibrated limits, cases up to the ceiling, time for them all."""
    return dataclasses.replace(limits, case_limits_s=(), case_timeout_s=limits.ceiling_s,
                               wall_s=max(limits.wall_s, _MEASURE_WALL_S), group_timeouts=0)


def measure(reference: str, suite: TestSuite, limits: Limits,
            pool: WarmPool | None = None) -> ReferenceTiming:
    """Run ``reference`` against ``suite`` once and time each case it passes."""
    report = run_tests(reference, suite, measuring_limits(limits), pool)
    return ReferenceTiming(tuple(c.seconds if c.passed else None for c in report.cases),
                           report.status.value)


class Calibrator:
    """Reference timings per (suite, reference), measured once and shared by every thread.

    ``cache_dir``: where timings persist (default ``~/.cache/realcode/calibration``); ``""`` keeps
    them in memory only."""

    def __init__(self, cache_dir: str | None = None) -> None:
        self.cache_dir = None if cache_dir == "" else Path(cache_dir or DEFAULT_CACHE_DIR).expanduser()
        self._timings: dict[str, ReferenceTiming] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.measured = 0  # how many references this calibrator ran (the rest came from a cache)

    @staticmethod
    def key(suite: TestSuite, reference: str, limits: Limits) -> str:
        material = json.dumps({"format": _FORMAT, "suite": suite_fingerprint(suite),
                               "reference": reference, "ceiling": limits.ceiling_s,
                               "memory_mb": limits.memory_mb}, sort_keys=True)
        return hashlib.sha256(material.encode("utf-8", "replace")).hexdigest()

    def timing(self, suite: TestSuite, reference: str | None, limits: Limits,
               pool: WarmPool | None = None) -> ReferenceTiming | None:
        """The reference's timing for ``suite`` (measured now if no cache has it); ``None``
        without a reference or when calibration is off."""
        if not reference or not limits.calibrate:
            return None
        key = self.key(suite, reference, limits)
        with self._guard:
            if key in self._timings:
                return self._timings[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one measurement per key, however many threads ask at once
            with self._guard:
                if key in self._timings:
                    return self._timings[key]
            found = self._read(key, suite, limits)
            if found is None:
                found = measure(reference, suite, limits, pool)
                self.measured += 1
                if found.status != Status.SANDBOX_ERROR.value:  # the machine's failure: retry later
                    self._write(key, found, _suite_products(suite, limits))
            with self._guard:
                self._timings[key] = found
        return found

    def limits_for(self, suite: TestSuite, reference: str | None, limits: Limits,
                   pool: WarmPool | None = None) -> Limits:
        return calibrated_limits(limits, self.timing(suite, reference, limits, pool))

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / f"{key}.json" if self.cache_dir is not None else None

    def _read(self, key: str, suite: TestSuite, limits: Limits) -> ReferenceTiming | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text("utf-8"))
            timing = ReferenceTiming.from_dict(data)
            if timing is not None:
                _seed_suite_products(suite, limits, data)
            return timing
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # unreadable: measured again and rewritten

    def _write(self, key: str, timing: ReferenceTiming, products: dict[str, Any]) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({**timing.to_dict(), **products}, out)
            os.replace(temporary, path)  # atomic: concurrent processes never read half a file
        except OSError:
            pass  # a read-only cache folder only costs a measurement next time


def _suite_products(suite: TestSuite, limits: Limits) -> dict[str, Any]:
    """What the suite's own set-up produced in this process, to keep next to the timing."""
    if isinstance(suite, PythonSuite):
        oracle = known_oracle(suite, limits)
        return {"oracle": list(oracle)} if oracle is not None else {}
    if isinstance(suite, StdioSuite) and suite.setup_code:
        files = known_setup_files(suite.setup_code)
        if files is not None:
            return {"setup_files": {name: base64.b64encode(content).decode("ascii")
                                    for name, content in files.items()}}
    return {}


def _seed_suite_products(suite: TestSuite, limits: Limits, data: dict[str, Any]) -> None:
    if isinstance(suite, PythonSuite) and isinstance(data.get("oracle"), list):
        seed_oracle(suite, limits, tuple(dict(entry) for entry in data["oracle"]))
    elif isinstance(suite, StdioSuite) and suite.setup_code and isinstance(data.get("setup_files"), dict):
        seed_setup_files(suite.setup_code, {str(name): base64.b64decode(content)
                                            for name, content in data["setup_files"].items()})
