"""Where the parent puts short-lived files: a run's directory, its stdin, an analysis batch.

Every sandboxed run creates and deletes a handful of files and folders. On a disk file system
(ext4 under /tmp) creating an inode searched its block group's bitmaps past recently deleted
inodes: with thousands of runs that search took ~15% of a batch's CPU (``perf``). A memory file
system does none of that, so a writable tmpfs with room to spare (``/dev/shm`` on most Linux
machines) is used when there is one; ``REALCODE_SCRATCH`` names another folder; otherwise the
system's temporary directory, as before. Nothing placed here is visible to a sandboxed run but
its own directory (runs get a private /tmp, /var/tmp and /dev/shm).
"""

from __future__ import annotations

import functools
import os
import tempfile

_MEMORY_CANDIDATES = ("/dev/shm",)
# Set-up runs write into their host directory (up to ``Limits.workdir_mb`` each, several at once):
# a small tmpfs (a container's 64 MB /dev/shm) would turn that into failed runs.
_MIN_FREE_BYTES = 2 << 30


@functools.cache
def scratch_dir() -> str:
    """The folder for the parent's short-lived files (decided once per process)."""
    chosen = os.environ.get("REALCODE_SCRATCH")
    if chosen:
        os.makedirs(chosen, exist_ok=True)
        return chosen
    for candidate in _MEMORY_CANDIDATES:
        if _roomy_tmpfs(candidate):
            return candidate
    return tempfile.gettempdir()


def _roomy_tmpfs(path: str) -> bool:
    if not (os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)):
        return False
    if _filesystem_type(path) != "tmpfs":
        return False
    try:
        info = os.statvfs(path)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize >= _MIN_FREE_BYTES


def _filesystem_type(path: str) -> str | None:
    """The type of the file system mounted exactly at ``path`` (None: not a mount point)."""
    found = None
    try:
        with open("/proc/self/mounts", encoding="utf-8") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) >= 3 and fields[1] == path:
                    found = fields[2]  # the last mount there is the one in force
    except OSError:
        return None
    return found
