"""Choose the strongest process isolation this machine allows, once per process.

Levels, strongest first:

* ``unshare`` with network, pid and mount namespaces (as root directly, as an ordinary user through
  a user namespace): no network at all, every process of the run dies with it, and /tmp, /var/tmp
  and /dev/shm are private tmpfs mounts.
* ``unshare`` with network and pid namespaces only (mount namespaces refused).
* ``none``: a plain child process; a Python-level network guard stands in for the namespace and a
  warning says so.

Independently, when the scorer runs as root each run drops to its own unprivileged uid, claimed
through a lock file so that concurrent runs (threads or processes) never share one. Root ignores
RLIMIT_NPROC; the unprivileged uid makes the process limit bind, keeps the program from writing
anything it does not own and lets cleanup kill every process of that uid.

``REALCODE_SANDBOX=unshare|none`` forces a level (``none`` is for tests of the fallback and for
machines where namespaces misbehave).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import IO, Any

_NAMESPACE_FLAGS = ("--net", "--pid", "--fork", "--kill-child")
_MOUNT_FLAGS = ("--mount", "--mount-proc")
# Far above any uid a real account uses; one uid per concurrent run.
_UID_BASE = 1_900_000_000
_UID_SLOTS = 512


@dataclass(frozen=True)
class Isolation:
    """What a run is protected by; printed in reports so users know what they got."""

    method: str  # "unshare" or "none"
    prefix: tuple[str, ...] = ()
    network: str = "guard"  # "namespace" or "guard"
    pid_namespace: bool = False
    private_tmp: bool = False  # mount namespace: private temp dirs, hidden homes, read-only rest
    drop_uid: bool = False
    pids_cgroup: str | None = None  # parent directory for per-run pids cgroups
    expose: tuple[str, ...] = ()  # with private_tmp: the only host paths the program sees
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def describe(self, uid: int | None = None) -> dict[str, Any]:
        if self.pids_cgroup:
            process_limit = "pids-cgroup"
        elif self.drop_uid or os.geteuid() != 0:
            process_limit = "rlimit-nproc"
        else:
            process_limit = "none"
        return {
            "method": self.method,
            "network": self.network,
            "pid_namespace": self.pid_namespace,
            "filesystem": "allow-list" if self.private_tmp else "shared",
            "uid": uid if uid is not None else os.geteuid(),
            "process_limit": process_limit,
            "warnings": list(self.warnings),
        }


def _probe(argv: list[str], preexec: Any = None) -> bool:
    try:
        done = subprocess.run(argv, capture_output=True, timeout=20, preexec_fn=preexec)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _interpreter_reachable_unprivileged() -> bool:
    """Can an unprivileged uid start this interpreter where it lies (no mount tricks)?"""
    uid = _UID_BASE + _UID_SLOTS  # a probe-only uid outside the run slots

    def demote() -> None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)

    return _probe([sys.executable, "-I", "-c", "import json, sqlite3"], demote)


# What a program may see of the host, read-only: the system's programs and shared libraries, the
# few /etc files that dynamic linking, time zones and name lookups read, and the interpreter.
_SYSTEM_PATHS = (
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
    "/etc/localtime", "/etc/timezone", "/etc/nsswitch.conf", "/etc/hosts", "/etc/host.conf",
    "/etc/resolv.conf", "/etc/passwd", "/etc/group", "/etc/mime.types", "/etc/os-release",
    "/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/matplotlibrc", "/etc/python3",
)


@functools.lru_cache(maxsize=1)
def exposed_paths() -> tuple[str, ...]:
    """The allow-list of host paths a sandboxed program sees (read-only).

    The interpreter's prefixes, its standard library and the site-packages directories that
    ``python -I`` puts on ``sys.path``; not the project's own source tree (an editable install
    adds it to ``sys.path``), data, results or caches."""
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    try:
        done = subprocess.run([sys.executable, "-I", "-c", "import sys, json; print(json.dumps(sys.path))"],
                              capture_output=True, text=True, timeout=30, check=True)
        import json

        isolated_path = [str(p) for p in json.loads(done.stdout) if p]
    except (OSError, subprocess.SubprocessError, ValueError):
        isolated_path = [p for p in sys.path if p]
    paths = set(prefixes)
    paths.add(os.path.dirname(os.path.realpath(sys.executable)))
    for entry in isolated_path:
        real = os.path.realpath(entry)
        in_prefix = any(real == p or real.startswith(p.rstrip("/") + "/")
                        for p in map(os.path.realpath, prefixes))
        if in_prefix or os.path.basename(real) in ("site-packages", "dist-packages"):
            paths.add(entry)
    for path in list(paths):  # a symlinked prefix needs its target too
        paths.add(os.path.realpath(path))
    paths |= {p for p in _SYSTEM_PATHS if os.path.lexists(p)}
    existing = sorted(p for p in paths if os.path.lexists(p) and p != "/")
    # Drop paths already inside an exposed directory (a bind of the parent covers them).
    return tuple(p for p in existing
                 if not any(q != p and not os.path.islink(q) and p.startswith(q.rstrip("/") + "/")
                            for q in existing))


def destroy_cgroup(path: str) -> None:
    """Remove a cgroup, first killing whatever still runs in it."""
    with contextlib.suppress(OSError):
        os.rmdir(path)  # the usual case: every process already gone
        return
    for _ in range(100):
        try:
            with open(os.path.join(path, "cgroup.procs"), encoding="utf-8") as handle:
                pids = [int(p) for p in handle.read().split()]
        except OSError:
            return
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def _pids_cgroup_base() -> str | None:
    """A writable pids-controller directory for per-run cgroups (cgroup v1 or v2), if any."""
    candidates = ["/sys/fs/cgroup/pids"]
    try:
        with open("/sys/fs/cgroup/cgroup.subtree_control", encoding="utf-8") as handle:
            if "pids" in handle.read().split():
                candidates.append("/sys/fs/cgroup")
    except OSError:
        pass
    for root in candidates:
        base = os.path.join(root, "realcode")
        with contextlib.suppress(OSError):
            os.makedirs(base, exist_ok=True)
            if accepts_child_cgroups(base, ("pids.max", "8")):
                return base
    return None


def accepts_child_cgroups(base: str, control: tuple[str, str] | None = None) -> bool:
    """Whether a cgroup can be made under ``base`` (and, given ``control`` = (file, value), that
    file of it written): a probe, removed at once."""
    try:
        probe = tempfile.mkdtemp(prefix="realcode-probe-", dir=base)
    except OSError:
        return False
    try:
        if control is not None:
            with open(os.path.join(probe, control[0]), "w", encoding="utf-8") as handle:
                handle.write(control[1])
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.rmdir(probe)


def _warn_unsandboxed(reason: str) -> None:
    """Loud, on stderr, once per process (detection is cached) whatever the warning filters say:
    nobody should read results of unsandboxed runs without knowing."""
    sys.stderr.write(f"realcode: WARNING: generated code is NOT sandboxed: {reason}\n")
    sys.stderr.flush()


@functools.lru_cache(maxsize=1)
def detect_isolation() -> Isolation:
    forced = os.environ.get("REALCODE_SANDBOX", "").strip().lower()
    is_root = os.geteuid() == 0
    notes: list[str] = []
    pids_cgroup = _pids_cgroup_base() if is_root else None
    unshare = shutil.which("unshare")
    if forced != "none" and unshare:
        user = () if is_root else ("--user", "--map-root-user")
        for flags, private_tmp in (
            ((*user, *_MOUNT_FLAGS, *_NAMESPACE_FLAGS), True),
            ((*user, *_NAMESPACE_FLAGS), False),
        ):
            prefix = (unshare, *flags)
            if _probe([*prefix, sys.executable, "-I", "-c", "pass"]):
                drop_uid = is_root and (private_tmp or _interpreter_reachable_unprivileged())
                if not private_tmp:
                    notes.append("mount namespaces unavailable: /tmp and the file system are shared")
                return Isolation(
                    method="unshare", prefix=prefix, network="namespace", pid_namespace=True,
                    private_tmp=private_tmp, drop_uid=drop_uid, pids_cgroup=pids_cgroup,
                    expose=exposed_paths() if private_tmp else (),
                    warnings=tuple(notes),
                )
    if forced == "unshare":
        raise RuntimeError("REALCODE_SANDBOX=unshare, but unshare cannot create namespaces here")
    drop_uid = is_root and _interpreter_reachable_unprivileged()
    if is_root and not drop_uid:
        notes.append("running as root and this interpreter is unreadable to other uids: the "
                     "program keeps root's file access")
    message = (
        "no namespaces available (unshare missing or refused): generated code runs as a plain "
        "child process with a Python-level network guard only"
    )
    if forced == "none":
        message = ("REALCODE_SANDBOX=none: generated code runs as a plain child process with a "
                   "Python-level network guard only")
    _warn_unsandboxed(message)
    return Isolation(method="none", drop_uid=drop_uid, pids_cgroup=pids_cgroup,
                     warnings=(*notes, message))


class UidSlot:
    """An unprivileged uid held exclusively (across threads and processes) for one run."""

    _lock_dir = os.path.join(tempfile.gettempdir(), "realcode-uids")

    _lock_dir_made = False

    def __init__(self) -> None:
        if not UidSlot._lock_dir_made:  # once a process: a makedirs per run showed in profiles
            os.makedirs(self._lock_dir, mode=0o700, exist_ok=True)
            UidSlot._lock_dir_made = True
        self._handle: IO[bytes] | None = None
        self.uid = -1
        start = (os.getpid() * 7) % _UID_SLOTS
        for offset in range(_UID_SLOTS):
            slot = (start + offset) % _UID_SLOTS
            path = os.path.join(self._lock_dir, f"{slot}.lock")
            try:
                handle = open(path, "wb")  # noqa: SIM115
            except FileNotFoundError:  # the folder was cleaned away since: make it again
                os.makedirs(self._lock_dir, mode=0o700, exist_ok=True)
                handle = open(path, "wb")  # noqa: SIM115
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            self._handle, self.uid = handle, _UID_BASE + slot
            return
        raise RuntimeError("all sandbox uid slots are busy")

    def kill_all(self) -> None:
        """Kill every process still running under this uid (daemons that escaped the group)."""
        pid = os.fork()
        if pid == 0:  # child: become the uid, then signal everything it owns
            try:
                os.setgid(self.uid)
                os.setuid(self.uid)
                os.kill(-1, 9)
            except BaseException:
                pass
            os._exit(0)
        os.waitpid(pid, 0)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> UidSlot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
