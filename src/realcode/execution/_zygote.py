"""A warm sandbox worker ("zygote"): started once, it forks an isolated child for every run.

Started by ``warm.WarmPool`` with one end of a Unix socket. Each job arrives as a small JSON message
with four file descriptors attached (stdin, stdout, stderr, result pipe). For each job the zygote:

1. gives its next child a new pid namespace (``unshare(CLONE_NEWPID)``, after ``setns`` back to
   its own) and forks: the child is pid 1 there; it starts its own session, joins the run's pids
   cgroup, moves the descriptors to 0-3, unshares a fresh mount namespace (when the pool uses
   namespaces; the network namespace, empty, is the worker's own, made before its first run),
   mounts a /proc for its pid namespace and runs the same harness set-up as a cold run (private
   /tmp, hidden homes, read-only file system, rlimits, unprivileged uid) before the untrusted
   program. Where the worker may not ``setns`` (an ordinary user's user namespace), the child
   unshares the pid namespace itself and forks the harness into it, waiting for it;
2. the zygote reports the child's pid at once and its exit status when it ends.

Interpreter start-up and imports (the harness, heavy libraries such as numpy when preloaded, and
the allow-listed standard modules a job says its run will import) are paid once per worker
instead of once per run.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import signal
import socket
import sys
from typing import Any

from realcode.execution import _harness
from realcode.execution.imports import PRELOADABLE

CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
RESULT_FD = 3


def _place_descriptors(fds: list[int]) -> None:
    """Put stdin, stdout, stderr and the result pipe on 0-3 and close everything else."""
    high = [os.dup(fd) for fd in fds]
    for target, fd in enumerate(high):
        os.dup2(fd, target)
    os.set_inheritable(RESULT_FD, True)
    os.closerange(RESULT_FD + 1, 65536)


def _own_network(libc: Any) -> bool:
    """Move the worker itself into a new, empty network namespace, once: every run it forks then
    starts without a network, without paying for a namespace of its own (creating and tearing
    one down cost more than most test runs). Nothing outlives a run to meet the next one there:
    its processes die with its pid namespace, and a run that drops to an unprivileged uid cannot
    reconfigure the namespace. A run that keeps its privileges (``own_network``: an ordinary
    user's sandbox, no uid to drop to) still gets a namespace of its own."""
    return bool(libc.unshare(CLONE_NEWNET) == 0)


def _child(job: dict[str, Any], fds: list[int], libc: Any, network_isolated: bool,
           pid_namespace_made: bool) -> None:
    """The run's process. ``pid_namespace_made``: the zygote gave it a pid namespace of its own
    (it is pid 1 there) and it runs the harness itself; otherwise it makes one and forks the
    harness into it, waiting for it (one more process a run)."""
    os.setsid()
    if job.get("cgroup"):
        with open(os.path.join(job["cgroup"], "cgroup.procs"), "w", encoding="utf-8") as handle:
            handle.write("0")  # this process, whatever its pid namespace calls it
    _place_descriptors(fds)
    os.chdir(job["workdir"])
    if job.get("namespaces"):
        shared = network_isolated and not job.get("own_network")
        flags = CLONE_NEWNS | (0 if pid_namespace_made else CLONE_NEWPID) | (0 if shared else CLONE_NEWNET)
        if libc.unshare(flags) != 0:
            raise OSError(ctypes.get_errno(), "unshare failed")
        # Mounts made in this run must never propagate back to the host.
        if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
            raise OSError(ctypes.get_errno(), "making mounts private failed")
    if pid_namespace_made:
        _run_harness(job, libc)
    grandchild = os.fork()
    if grandchild == 0:
        _run_harness(job, libc)
    _, status = os.waitpid(grandchild, 0)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)  # die the same way, so the parent sees the signal
    os._exit(os.waitstatus_to_exitcode(status))


def _run_harness(job: dict[str, Any], libc: Any) -> None:
    """As pid 1 of the run's pid namespace: a fresh /proc, then the harness; never returns."""
    code = 125
    try:
        if job.get("namespaces"):
            libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
        code = _harness.run_spec(_harness.load_spec(job["spec_path"]))
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


class _PidNamespaces:
    """Gives the zygote's next child a new pid namespace, so the run needs no second fork.

    ``unshare(CLONE_NEWPID)`` applies to the caller's next child and can be repeated only after
    ``setns`` back to the caller's own pid namespace; that needs privileges over it, which a
    worker in an ordinary user's user namespace lacks: there ``prepare`` says no and the child
    makes the namespace and forks as before."""

    def __init__(self, libc: Any) -> None:
        self.libc = libc
        try:
            self.own: int | None = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            self.own = None

    def prepare(self) -> bool:
        if self.own is None:
            return False
        if self.libc.setns(self.own, CLONE_NEWPID) != 0 or self.libc.unshare(CLONE_NEWPID) != 0:
            os.close(self.own)
            self.own = None  # not possible here: the two-fork way from now on
            return False
        return True


def _import_for_runs(names: object) -> None:
    """Import the allow-listed modules the next run will import, so this run and every later one
    inherit them (see ``imports.py``); then freeze them like everything loaded at start."""
    if not isinstance(names, list):
        return
    fresh = [n for n in names if isinstance(n, str) and n in PRELOADABLE and n not in sys.modules]
    for name in fresh:
        with contextlib.suppress(Exception):
            __import__(name)
    if fresh:
        gc.freeze()


def _send(sock: socket.socket, **message: Any) -> None:
    sock.sendall((json.dumps(message) + "\n").encode())


def _join_worker_cgroups() -> bool:
    """Move this worker into the cgroups its pool made for it (its runs inherit them); with a
    memory budget, the worker itself is spared by the OOM killer (its runs are not: ``_child``).
    Whether a memory cgroup was joined."""
    memory = False
    for path in filter(None, os.environ.pop("REALCODE_WORKER_CGROUPS", "").split(os.pathsep)):
        with contextlib.suppress(OSError), open(os.path.join(path, "cgroup.procs"), "w", encoding="utf-8") as handle:
            handle.write("0")
            memory = memory or os.path.isfile(os.path.join(path, "memory.limit_in_bytes"))
    if memory:
        _oom_score_adj(-1000)
    return memory


def _prebuild_root(libc: Any) -> str | None:
    """Build the read-only part of every run's root once, in this worker's own mount namespace
    (``_harness.build_root``), when the pool asked for it: each run then mounts only its temp
    dirs, /proc and run directory on a copy. Building it per run (some 60 mounts) cost a
    quarter of a short run. Where it is refused, runs build their own as before."""
    request = os.environ.pop("REALCODE_ROOT_TEMPLATE", "")
    if not request:
        return None
    try:
        path, expose = json.loads(request)
        if libc.unshare(CLONE_NEWNS) != 0:
            raise OSError(ctypes.get_errno(), "unshare failed")
        if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
            raise OSError(ctypes.get_errno(), "making mounts private failed")
        _harness.build_root(path, expose, libc)
    except (OSError, ValueError, TypeError) as exc:
        with contextlib.suppress(Exception):
            os.write(2, f"realcode warm worker: no prebuilt root ({exc!r})\n".encode())
        return None
    _harness.ROOT_TEMPLATE = (path, tuple(expose))
    return str(path)


def _oom_score_adj(value: int) -> None:
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w", encoding="utf-8") as handle:
        handle.write(str(value))


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    spared = _join_worker_cgroups()
    libc = ctypes.CDLL(None, use_errno=True)
    root = _prebuild_root(libc)
    for name in sys.argv[2:]:  # modules to preload, so runs import them for free
        with contextlib.suppress(Exception):
            __import__(name)
    # Everything loaded so far is shared with every run: the cyclic collector of a forked run
    # would touch (and so copy) every one of those objects' pages unless they are frozen.
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool ends workers; Ctrl-C is the parent's
    network_isolated = False
    pid_namespaces = _PidNamespaces(libc)
    while True:
        message, fds, _flags, _address = socket.recv_fds(sock, 65536, 8)
        if not message:
            return  # the pool closed its end
        job = json.loads(message)
        _import_for_runs(job.get("preload"))
        if job.get("namespaces") and not network_isolated:
            network_isolated = _own_network(libc)
        made = bool(job.get("namespaces")) and pid_namespaces.prepare()
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                if spared:
                    _oom_score_adj(0)  # the run is the one to kill when its budget runs out
                _child(job, fds, libc, network_isolated, made)
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    os.write(2, f"realcode warm worker: {exc!r}\n".encode())
            os._exit(125)
        for fd in fds:
            os.close(fd)
        _send(sock, pid=pid)
        _, status = os.waitpid(pid, 0)
        if root is not None and isinstance(job.get("workdir"), str):
            with contextlib.suppress(OSError):  # its mount point, when not in a private temp dir
                os.rmdir(root + job["workdir"])
        _send(sock, exit=os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
