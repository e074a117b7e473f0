"""Resource limits for one sandboxed run."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Bounds on one sandboxed process tree.

    ``wall_s`` bounds the whole program: every run of a test suite together (a case that hangs is
    killed at its own limit and the next run gets only what is left of the wall). ``workdir_mb``
    caps what it may write to its directory; ``case_timeout_s`` (test suites only) bounds each
    test case, so one catastrophic-backtracking input costs its own seconds and the remaining
    cases still run.

    Time calibration (``realcode.execution.calibration``): with ``calibrate``, each case's limit is
    ``time_factor`` x the task's reference solution's time on that case, at least
    ``time_floor_s`` and at most ``time_ceiling_s`` (default: ``case_timeout_s``), the way
    EvalPlus sets its limits. ``case_limits_s`` holds the per-case limits in force for one run
    (index -> seconds; cases past its end get ``case_timeout_s``).

    ``group_timeouts``: after this many cases of one group (a SecCodePLT suite's capability or
    safety cases; every case of other suites) exceed their limit, the group's remaining cases are
    not run and fail as timeouts; a group that decides function (capability) ends the other groups
    too, so a program that hangs in every case costs one case's limit, not the wall, while a ReDoS
    program that hangs only on safety cases still runs every capability case; 0 runs every case.
    """

    wall_s: float = 10.0
    case_timeout_s: float = 5.0
    memory_mb: int = 1024
    max_processes: int = 32
    max_output_bytes: int = 1 << 20
    max_file_mb: int = 64
    max_open_files: int = 256
    workdir_mb: int = 256  # the run's own directory (a tmpfs under mount namespaces)
    calibrate: bool = True
    time_factor: float = 4.0
    time_floor_s: float = 0.5
    time_ceiling_s: float | None = None
    case_limits_s: tuple[float, ...] = ()
    group_timeouts: int = 1

    def __post_init__(self) -> None:
        if self.wall_s <= 0 or self.case_timeout_s <= 0:
            raise ValueError("timeouts must be positive")
        if self.memory_mb < 64:
            raise ValueError("memory_mb below 64 cannot start a Python interpreter")
        if self.max_processes < 1 or self.max_output_bytes < 1:
            raise ValueError("max_processes and max_output_bytes must be positive")
        if self.time_factor <= 0 or self.time_floor_s <= 0 or (
                self.time_ceiling_s is not None and self.time_ceiling_s <= 0):
            raise ValueError("time_factor, time_floor_s and time_ceiling_s must be positive")
        if self.group_timeouts < 0:
            raise ValueError("group_timeouts must be 0 (run every case) or positive")
        if any(limit <= 0 for limit in self.case_limits_s):
            raise ValueError("case limits must be positive")
        object.__setattr__(self, "case_limits_s", tuple(float(s) for s in self.case_limits_s))

    def case_limit(self, index: object) -> float:
        """The limit of case ``index`` (any value: the index a run reports is not trusted)."""
        if type(index) is int and 0 <= index < len(self.case_limits_s):
            return self.case_limits_s[index]
        return self.case_timeout_s

    @property
    def ceiling_s(self) -> float:
        """The largest calibrated case limit."""
        return self.time_ceiling_s if self.time_ceiling_s is not None else self.case_timeout_s

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
