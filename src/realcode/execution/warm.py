"""A pool of warm sandbox workers (see ``_zygote.py``), and the handle of a run started on one.

``WarmPool(size)`` starts workers lazily; ``run_program(..., pool=pool)`` borrows one for a run. A
worker that dies is replaced. Isolation is the same as a cold run's: the pool uses namespaces
exactly when ``detect_isolation()`` found them usable, the run's uid, cgroup and limits are the same,
and the forked child performs the same harness set-up.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from realcode.execution.cgroups import WorkerCgroups
from realcode.execution.isolation import Isolation, detect_isolation
from realcode.scratch import scratch_dir

_WORKER_CODE = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from realcode.execution._zygote import main; main()"
)


def _package_root() -> str:
    return str(Path(__file__).resolve().parents[2])


def _available(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


class WarmWorker:
    def __init__(self, isolation: Isolation, preload: tuple[str, ...]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        # Ordinary users: the worker lives in a user namespace so it may create the others.
        prefix = ("unshare", "--user", "--map-root-user") if (
            isolation.method == "unshare" and os.geteuid() != 0) else ()
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        # One CPU share and one memory budget for all that its runs fork (see cgroups.py);
        # the worker joins them itself when it starts.
        self.cgroups = WorkerCgroups() if not prefix and isolation.method == "unshare" else WorkerCgroups.none()
        if self.cgroups.paths:
            env["REALCODE_WORKER_CGROUPS"] = os.pathsep.join(self.cgroups.paths)
        # Runs that drop to an unprivileged uid share one prebuilt read-only root (_zygote);
        # the worker mounts it on this empty directory, in its own mount namespace only.
        self.root_dir: str | None = None
        if not prefix and isolation.method == "unshare" and isolation.private_tmp and isolation.drop_uid:
            self.root_dir = tempfile.mkdtemp(prefix="realcode-root-", dir=scratch_dir())
            env["REALCODE_ROOT_TEMPLATE"] = json.dumps([self.root_dir, list(isolation.expose)])
        self.process = subprocess.Popen(
            [*prefix, sys.executable, "-I", "-c", _WORKER_CODE, _package_root(), str(theirs.fileno()),
             *preload],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),), env=env, start_new_session=True,
        )
        theirs.close()
        self.sock = ours
        self._buffer = b""
        self.imported: set[str] = set(preload)  # modules its runs inherit (see imports.py)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def _read_message(self, timeout: float | None) -> dict[str, Any] | None:
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([self.sock], [], [], timeout)
            if not ready:
                return None
            data = self.sock.recv(4096)
            if not data:
                raise ConnectionError("warm worker exited")
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        message: dict[str, Any] = json.loads(line)
        return message

    def start(self, job: dict[str, Any], fds: list[int], imports: set[str] | frozenset[str] = frozenset()) -> int:
        """Start a run; ``imports``: modules it will import, which the worker imports first."""
        missing = imports - self.imported
        if missing:
            job = {**job, "preload": sorted(missing)}
            self.imported |= missing
        socket.send_fds(self.sock, [json.dumps(job).encode()], fds)
        message = self._read_message(timeout=30)
        if message is None or "pid" not in message:
            raise ConnectionError("warm worker did not start the run")
        return int(message["pid"])

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.process.wait(timeout=5)
        self.cgroups.destroy()
        if self.root_dir is not None:
            with contextlib.suppress(OSError):
                os.rmdir(self.root_dir)


class WarmRun:
    """A run started on a warm worker, with the interface the sandbox needs of a process."""

    def __init__(self, worker: WarmWorker, pid: int) -> None:
        self.worker, self.pid = worker, pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                message = self.worker._read_message(timeout=0)
            except ConnectionError:
                self.returncode = -signal.SIGKILL
                return self.returncode
            if message is not None:
                self.returncode = int(message.get("exit", -signal.SIGKILL))
        return self.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def wait(self, timeout: float = 10.0) -> int:
        if self.returncode is None:
            try:
                message = self.worker._read_message(timeout=timeout)
            except ConnectionError:
                message = None
            if message is None:
                self.worker.close()  # out of step with its runs: replace it
            self.returncode = int(message.get("exit", -signal.SIGKILL)) if message else -signal.SIGKILL
        return self.returncode


class WarmPool:
    """``size`` warm workers; ``preload`` names modules imported once in each (if installed)."""

    def __init__(self, size: int, preload: tuple[str, ...] = ("numpy",)) -> None:
        if size < 1:
            raise ValueError("a warm pool needs at least one worker")
        self.isolation = detect_isolation()
        self.preload = tuple(name for name in preload if _available(name))
        self.size = size
        self._idle: queue.LifoQueue[WarmWorker] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()
        self._all: list[WarmWorker] = []

    @property
    def namespaces(self) -> bool:
        return self.isolation.method == "unshare"

    @contextlib.contextmanager
    def worker(self) -> Iterator[WarmWorker]:
        worker = self._take()
        try:
            yield worker
        finally:
            if worker.alive:
                self._idle.put(worker)
            else:
                worker.close()
                with self._lock:
                    self._started -= 1
                    self._all.remove(worker)

    def _take(self) -> WarmWorker:
        with self._lock:
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                worker = WarmWorker(self.isolation, self.preload)
                self._all.append(worker)
                return worker
        return self._idle.get()

    def close(self) -> None:
        with self._lock:
            for worker in self._all:
                worker.close()
            self._all.clear()
            self._started = 0
        while not self._idle.empty():
            self._idle.get_nowait()

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
