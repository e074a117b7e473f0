"""Per-worker cgroups: one CPU share and one memory budget for everything a run forks.

A run may fork up to ``Limits.max_processes`` processes. Left to the kernel's defaults, each child
that starts a session of its own (``setsid``) becomes an autogroup with a full CPU share, so thirty
spinning children took the CPU that the other samples' wall-timed cases needed and made them time
out (red-team: honest siblings of a GRPO group fell from 0.50 to 0.30 while the attacker kept
0.45); and ``RLIMIT_AS`` bounds each process, not the run, so six children of 900 MB each passed
a 1 GB limit. Here each warm worker joins, once at start, a cpu cgroup (cgroup v1: processes in a
cgroup other than the root are never split into autogroups) and a memory cgroup under the
caller's own; its runs inherit both (a run's pids cgroup lives in another hierarchy). The memory
limit is set before each run: the run's memory limit plus what its tmpfs folders may hold, so a
program is stopped by its own limits first. Joining a cgroup costs an RCU grace period (~10 ms,
blocking forks machine-wide), so it happens once per worker, not per run.

Where the controllers are not writable (an ordinary user, cgroup v2 without delegation) nothing
is created and runs share the CPU and memory as before; ``Isolation.describe`` says which.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile

from realcode.execution.isolation import accepts_child_cgroups, destroy_cgroup
from realcode.execution.limits import Limits

_CPU_ROOT = "/sys/fs/cgroup/cpu"
_MEMORY_ROOT = "/sys/fs/cgroup/memory"
_TMP_MOUNTS_MB = 3 * 64  # the run's private /tmp, /var/tmp and /dev/shm (see _harness)
_SLACK_MB = 64


@functools.lru_cache(maxsize=1)
def worker_cgroup_bases() -> tuple[str | None, str | None]:
    """Where per-worker cpu and memory cgroups can be made here: (cpu, memory), None if not."""
    if os.geteuid() != 0:
        return None, None
    return _writable(_CPU_ROOT, "cpu.shares"), _writable(_own_memory_cgroup(), "memory.limit_in_bytes")


def _own_memory_cgroup() -> str | None:
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as handle:
            for line in handle:
                _, controllers, path = line.rstrip("\n").split(":", 2)
                if "memory" in controllers.split(","):
                    return os.path.join(_MEMORY_ROOT, path.lstrip("/"))
    except (OSError, ValueError):
        pass
    return None


def _writable(base: str | None, probe_file: str) -> str | None:
    if base is None or not os.path.isfile(os.path.join(base, probe_file)):
        return None
    return base if accepts_child_cgroups(base) else None


class WorkerCgroups:
    """The cgroups of one warm worker (made now, joined by the worker, removed by ``destroy``)."""

    def __init__(self, make: bool = True) -> None:
        self.paths: list[str] = []
        self.memory: str | None = None
        self._memory_limit_mb: int | None = None
        cpu, memory = worker_cgroup_bases() if make else (None, None)
        for base in (cpu, memory):
            if base is None:
                continue
            with contextlib.suppress(OSError):
                path = tempfile.mkdtemp(prefix="realcode-worker-", dir=base)
                self.paths.append(path)
                if base == memory:
                    self.memory = path

    @classmethod
    def none(cls) -> WorkerCgroups:
        return cls(make=False)

    def limit_memory(self, limits: Limits) -> None:
        """Cap everything the next run forks (before the run starts; the worker runs one at a time)."""
        if self.memory is None:
            return
        budget_mb = limits.memory_mb + limits.workdir_mb + _TMP_MOUNTS_MB + _SLACK_MB
        if budget_mb == self._memory_limit_mb:
            return
        try:
            fd = os.open(os.path.join(self.memory, "memory.limit_in_bytes"), os.O_WRONLY)
            try:
                os.write(fd, str(budget_mb << 20).encode())
            finally:
                os.close(fd)
        except OSError:
            return  # e.g. below what the worker itself holds: the run keeps the last budget
        self._memory_limit_mb = budget_mb

    def destroy(self) -> None:
        for path in self.paths:
            destroy_cgroup(path)
        self.paths, self.memory = [], None
