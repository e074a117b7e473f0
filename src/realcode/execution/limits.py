"""Resource limits for one sandboxed run."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Bounds on one sandboxed process tree.

    ``wall_s`` bounds the whole run; ``workdir_mb`` caps what it may write to its directory; ``case_timeout_s`` (test suites only) bounds each test case, so
    one catastrophic-backtracking input costs its own seconds and the remaining cases still run.
    """

    wall_s: float = 10.0
    case_timeout_s: float = 5.0
    memory_mb: int = 1024
    max_processes: int = 32
    max_output_bytes: int = 1 << 20
    max_file_mb: int = 64
    max_open_files: int = 256
    workdir_mb: int = 256  # the run's own directory (a tmpfs under mount namespaces)

    def __post_init__(self) -> None:
        if self.wall_s <= 0 or self.case_timeout_s <= 0:
            raise ValueError("timeouts must be positive")
        if self.memory_mb < 64:
            raise ValueError("memory_mb below 64 cannot start a Python interpreter")
        if self.max_processes < 1 or self.max_output_bytes < 1:
            raise ValueError("max_processes and max_output_bytes must be positive")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
