"""Run one untrusted program in an isolated, bounded process and collect what it did.

The parent side of the sandbox: it prepares a private directory, starts the harness under the
chosen isolation (see ``isolation.py``), reads stdout, stderr and the harness's result pipe under a
wall-clock deadline, a per-test-case deadline and an output cap, and always kills the whole process
tree at the end. Test runners (``runners.py``) build on ``run_program``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from realcode.execution._harness import seal as seal_fields
from realcode.execution._zygote import RESULT_FD
from realcode.execution.imports import preloadable_imports
from realcode.execution.isolation import Isolation, UidSlot, destroy_cgroup, detect_isolation
from realcode.execution.limits import Limits
from realcode.execution.warm import WarmPool, WarmRun
from realcode.scratch import scratch_dir

_HARNESS_NAME = ".realcode_harness.py"
_SPEC_NAME = ".realcode_spec.json"
_STDERR_KEEP = 64 * 1024


@dataclass
class ProcessResult:
    """Raw outcome of one sandboxed process (before any test verdict)."""

    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str
    events: list[dict[str, Any]]
    timed_out: bool = False
    case_timed_out: int | None = None  # index of the test case killed for exceeding its own limit
    output_exceeded: bool = False
    duration_s: float = 0.0
    isolation: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # with collect_files: what the run left
    garbage_lines: int = 0  # result-pipe lines that are not harness events (written by the program)
    case_seconds: dict[int, float] = field(default_factory=dict)  # measured here, case_start to case

    def event(self, name: str) -> dict[str, Any] | None:
        return next((e for e in reversed(self.events) if e.get("event") == name), None)


@functools.lru_cache(maxsize=1)
def _harness_source() -> str:
    return resources.files("realcode.execution").joinpath("_harness.py").read_text("utf-8")


def _scrubbed_env(workdir: str, isolation: Isolation) -> dict[str, str]:
    """Only what a Python program needs; nothing of the parent's (tokens, keys, proxies)."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": "/tmp" if isolation.private_tmp else workdir,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _rlimits(limits: Limits, drop_uid: bool) -> dict[str, int]:
    values = {
        "AS": limits.memory_mb * 1024 * 1024,
        "CPU": int(limits.wall_s) + 1,
        "FSIZE": limits.max_file_mb * 1024 * 1024,
        "NOFILE": limits.max_open_files,
        "CORE": 0,
    }
    if drop_uid:
        values["NPROC"] = limits.max_processes
    elif os.geteuid() != 0:
        # RLIMIT_NPROC counts every process of this user; leave room for what already runs.
        values["NPROC"] = _count_own_processes() + limits.max_processes
    return values


def _count_own_processes() -> int:
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
            except OSError:
                continue
    return count


class _PidsCgroup:
    """A per-run pids cgroup: a hard process cap, and a list of every process to kill at the end."""

    def __init__(self, base: str, max_processes: int) -> None:
        self.path = tempfile.mkdtemp(prefix="run-", dir=base)
        with open(os.path.join(self.path, "pids.max"), "w", encoding="utf-8") as handle:
            handle.write(str(max_processes))

    def join(self) -> None:
        """Runs in the forked child before exec, so every descendant is counted."""
        with open(os.path.join(self.path, "cgroup.procs"), "w", encoding="utf-8") as handle:
            handle.write(str(os.getpid()))

    def destroy(self) -> None:
        destroy_cgroup(self.path)


class _Reader:
    """Collects the three pipes with caps, parsing harness events as they arrive."""

    def __init__(self, max_output: int) -> None:
        self.max_output = max_output
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.result_buffer = bytearray()
        self.events: list[dict[str, Any]] = []
        self.case_started_at: float | None = None
        self.current_case: int | None = None
        self.exceeded = False
        self.garbage_lines = 0
        self.case_seconds: dict[int, float] = {}
        # The cases this run runs, in order. Their clocks run back to back: the first starts when
        # the program has loaded (a sealed run's key is sent then), each next one when the last
        # one's result arrives. The program shares the harness's process and can delay its
        # ``case_start`` events, so time between cases must count too: were a clock to start at
        # ``case_start``, work done before sending it (the next case's answer) would be free.
        self.sequence: tuple[int, ...] = ()
        self._position = 0
        self.loaded_seen = False

    def feed(self, stream: str, data: bytes) -> None:
        if stream == "result":
            self.result_buffer += data
            *lines, rest = self.result_buffer.split(b"\n")
            self.result_buffer = bytearray(rest)
            for line in lines:
                self._parse(bytes(line))
            return
        target = self.stdout if stream == "stdout" else self.stderr
        room = self.max_output - len(self.stdout) - len(self.stderr)
        if len(data) > room:
            self.exceeded = True
            data = data[: max(room, 0)]
        if stream == "stderr" and len(self.stderr) + len(data) > _STDERR_KEEP:
            data = data[: max(_STDERR_KEEP - len(self.stderr), 0)]
        target += data

    def _parse(self, line: bytes) -> None:
        try:
            event = json.loads(line)
        except ValueError:
            self.garbage_lines += 1  # only the program writes such lines: the runner refuses them
            return
        if not isinstance(event, dict):
            self.garbage_lines += 1
            return
        self.events.append(event)
        name, now = event.get("event"), time.monotonic()
        if self.sequence:
            if name == "loaded" and not self.loaded_seen:
                self.case_started_at, self.current_case = now, self.sequence[0]
            elif name == "case" and self.case_started_at is not None and type(self.current_case) is int \
                    and event.get("i") == self.current_case:
                self.case_seconds[self.current_case] = now - self.case_started_at
                self._position += 1
                following = self._position < len(self.sequence)
                self.current_case = self.sequence[self._position] if following else None
                self.case_started_at = now if following else None
        elif name == "case_start":  # a run without a known case order
            self.case_started_at, self.current_case = now, event.get("i")
        elif name == "case":
            index = event.get("i")
            if self.case_started_at is not None and type(index) is int and index == self.current_case:
                self.case_seconds[index] = now - self.case_started_at
            self.case_started_at = None
        if name == "loaded":
            self.loaded_seen = True


def run_program(
    program: str,
    *,
    mode: str = "script",
    spec: dict[str, Any] | None = None,
    stdin: bytes | None = None,
    files: dict[str, bytes] | None = None,
    limits: Limits | None = None,
    collect_files: bool = False,
    pool: WarmPool | None = None,
    seal: tuple[str, ...] = (),
    case_order: tuple[int, ...] = (),
) -> ProcessResult:
    """Run ``program`` once in the sandbox.

    ``mode`` is the harness mode (``script``, ``call`` or ``suite``) and ``spec`` its extra fields;
    ``files`` are placed in the run's private directory before it starts (e.g. a SQLite database);
    with ``collect_files`` the regular files the run leaves there (bounded in size) come back.
    With a ``pool`` the run is forked from a warm worker instead of starting a fresh interpreter.
    ``seal`` names spec fields (test inputs) the run may read only once the program has loaded,
    when the first case's clock starts (``_harness.seal``); the run's stdin is then the key's pipe.
    ``case_order``: the cases the run will run, in order (their clocks run back to back, see
    ``_Reader``); without it each case is timed from its ``case_start``.
    """
    limits = limits or Limits()
    isolation = detect_isolation()
    slot = UidSlot() if isolation.drop_uid else None
    workdir = tempfile.mkdtemp(prefix="realcode-run-", dir=scratch_dir())
    started = time.monotonic()
    cgroup: _PidsCgroup | None = None
    try:
        if isolation.pids_cgroup:
            cgroup = _PidsCgroup(isolation.pids_cgroup, limits.max_processes)
        result = _run_in(workdir, program, mode, spec or {}, stdin, files or {}, limits, isolation,
                         slot, cgroup, pool, collect_files, seal, case_order)
        if collect_files:
            result.files = _collect_files(workdir, limits.max_file_mb * 1024 * 1024)
        return result
    except (OSError, ConnectionError) as exc:
        return ProcessResult(
            exit_code=None, signal=None, stdout="", stderr=f"sandbox error: {exc}",
            events=[{"event": "sandbox_error", "error": str(exc)}],
            duration_s=time.monotonic() - started,
            isolation=isolation.describe(slot.uid if slot else None),
        )
    finally:
        if cgroup is not None:
            cgroup.destroy()  # kills whatever is left in the run's cgroup
        if slot is not None:
            if cgroup is None:
                slot.kill_all()  # no cgroup: every process of the run's uid
            slot.release()
        shutil.rmtree(workdir, ignore_errors=True)


def _collect_files(workdir: str, budget: int) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name in sorted(os.listdir(workdir)):
        path = os.path.join(workdir, name)
        if name in (_HARNESS_NAME, _SPEC_NAME, "solution.py") or os.path.islink(path):
            continue
        if os.path.isfile(path) and os.path.getsize(path) <= budget:
            with open(path, "rb") as handle:
                found[name] = handle.read()
            budget -= len(found[name])
    return found


def _prepare_workdir(workdir: str, program: str, files: dict[str, bytes], spec: dict[str, Any],
                     slot: UidSlot | None, with_harness: bool) -> None:
    for name, content in {**files, "solution.py": program.encode("utf-8", "replace")}.items():
        with open(os.path.join(workdir, name), "wb") as handle:
            handle.write(content)
    if with_harness:  # cold runs start it from here; warm workers have it loaded already
        with open(os.path.join(workdir, _HARNESS_NAME), "w", encoding="utf-8") as handle:
            handle.write(_harness_source())
    with open(os.path.join(workdir, _SPEC_NAME), "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    if slot is not None:
        for root, dirs, names in os.walk(workdir):
            for name in [*dirs, *names]:
                os.chown(os.path.join(root, name), slot.uid, slot.uid)
        os.chown(workdir, slot.uid, slot.uid)
    os.chmod(workdir, 0o700)


class _SpawnedRun:
    """A cold run: ``unshare`` + a fresh interpreter, with the same interface as ``WarmRun``."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process, self.pid = process, process.pid

    def poll(self) -> int | None:
        return self.process.poll()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        return self.process.wait()


def _run_in(
    workdir: str,
    program: str,
    mode: str,
    extra: dict[str, Any],
    stdin: bytes | None,
    files: dict[str, bytes],
    limits: Limits,
    isolation: Isolation,
    slot: UidSlot | None,
    cgroup: _PidsCgroup | None,
    pool: WarmPool | None,
    collect_files: bool = False,
    seal: tuple[str, ...] = (),
    case_order: tuple[int, ...] = (),
) -> ProcessResult:
    key: bytes | None = None
    if seal and any(name in extra for name in seal):
        extra, key = seal_fields(extra, seal)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    env = _scrubbed_env(workdir, isolation)
    spec = {
        **extra,
        "mode": mode,
        "program": "solution.py",
        "result_fd": RESULT_FD if pool is not None else res_w,
        "env": env,
        "setup": {
            "private_tmp": isolation.private_tmp,
            "expose": list(isolation.expose),
            "workdir_mb": limits.workdir_mb,
            "workdir_on_host": collect_files,
            "uid": slot.uid if slot else None,
            "gid": slot.uid if slot else None,
            "rlimits": _rlimits(limits, slot is not None),
            "network_guard": isolation.network != "namespace",
        },
    }
    _prepare_workdir(workdir, program, files, spec, slot, with_harness=pool is None)
    run: _SpawnedRun | WarmRun
    with contextlib.ExitStack() as stack:
        if key is None:
            stdin_file = stack.enter_context(tempfile.TemporaryFile(dir=scratch_dir()))
            stdin_file.write(stdin or b"")
            stdin_file.seek(0)
            stdin_fd, key_fd = stdin_file.fileno(), None
        else:  # the key's pipe: written once the program has loaded
            stdin_fd, key_fd = os.pipe()
            stack.callback(_close_quietly, key_fd)
        started = time.monotonic()
        try:
            if pool is not None:
                worker = stack.enter_context(pool.worker())
                worker.cgroups.limit_memory(limits)
                # A program that keeps its privileges in its namespaces could change the
                # worker's shared network namespace for the runs after it: it gets its own.
                job = {"workdir": workdir, "spec_path": os.path.join(workdir, _SPEC_NAME),
                       "namespaces": pool.namespaces, "cgroup": cgroup.path if cgroup else None,
                       "own_network": slot is None}
                imports = preloadable_imports(program, *(str(extra.get(key) or "") for key in (
                    "preamble", "setup_code", "testcases")))
                run = WarmRun(worker, worker.start(job, [stdin_fd, out_w, err_w, res_w], imports))
            else:
                run = _SpawnedRun(subprocess.Popen(
                    [*isolation.prefix, sys.executable, "-I", _HARNESS_NAME, _SPEC_NAME],
                    stdin=stdin_fd, stdout=out_w, stderr=err_w, pass_fds=(res_w,), cwd=workdir,
                    env=env, start_new_session=True, preexec_fn=cgroup.join if cgroup else None,
                ))
        except BaseException:
            for fd in (out_r, err_r, res_r):
                os.close(fd)
            raise
        finally:
            for fd in (out_w, err_w, res_w):
                os.close(fd)
            if key_fd is not None:
                os.close(stdin_fd)
        try:
            sender = _KeySender(key_fd, key) if key_fd is not None and key is not None else None
            reader, timed_out, case_timed_out = _collect(run, (out_r, err_r, res_r), limits, started,
                                                         case_order, sender)
        finally:
            for fd in (out_r, err_r, res_r):
                os.close(fd)
            run.kill()
            code = run.wait()
    return ProcessResult(
        exit_code=code if code >= 0 else None,
        signal=-code if code < 0 else None,
        stdout=reader.stdout.decode("utf-8", "replace"),
        stderr=reader.stderr.decode("utf-8", "replace"),
        events=reader.events,
        # An unfinished last line is forgery only when the run ended by itself: one we killed
        # (a case or the wall out of time, too much output) may have been cut mid-event.
        garbage_lines=reader.garbage_lines + bool(reader.result_buffer.strip() and not (
            timed_out or case_timed_out is not None or reader.exceeded)),
        timed_out=timed_out,
        case_timed_out=case_timed_out,
        case_seconds=reader.case_seconds,
        output_exceeded=reader.exceeded,
        duration_s=time.monotonic() - started,
        isolation={**isolation.describe(slot.uid if slot else None),
                   "backend": "warm" if pool is not None else "spawn"},
    )


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


class _KeySender:
    """Sends a sealed run its key, once, when the program has loaded."""

    def __init__(self, fd: int, key: bytes) -> None:
        self.fd, self.key, self.sent = fd, key, False

    def send(self) -> None:
        self.sent = True
        with contextlib.suppress(OSError):  # the program closed its stdin: its cases cannot run
            os.write(self.fd, base64.b64encode(self.key) + b"\n")


def _collect(
    proc: _SpawnedRun | WarmRun, fds: tuple[int, int, int], limits: Limits, started: float,
    case_order: tuple[int, ...] = (), sender: _KeySender | None = None,
) -> tuple[_Reader, bool, int | None]:
    reader = _Reader(limits.max_output_bytes)
    reader.sequence = case_order
    selector = selectors.DefaultSelector()
    for fd, name in zip(fds, ("stdout", "stderr", "result"), strict=True):
        selector.register(fd, selectors.EVENT_READ, name)
    deadline = started + limits.wall_s
    exited_at: float | None = None
    timed_out, case_timed_out = False, None
    # Asking the worker whether the run ended costs a syscall: only between outputs, or at least
    # every 50 ms (a leftover process that never stops writing must not hide the run's end).
    idle, polled_at = True, started
    try:
        while selector.get_map():
            now = time.monotonic()
            if now >= deadline:
                timed_out = True
                break
            case_limit = limits.case_limit(reader.current_case)  # calibrated per case, or the default
            if reader.case_started_at is not None and now - reader.case_started_at > case_limit:
                case_timed_out = reader.current_case
                break
            if reader.exceeded:
                break
            if exited_at is None and (idle or now - polled_at >= 0.05):
                polled_at = now
                if proc.poll() is not None:
                    exited_at = now
            if exited_at is not None and now - exited_at > 0.2:
                break  # a leftover process holds a pipe open; the run itself is over
            wait = min(deadline - now, 0.05 if exited_at is not None else 0.25)
            if reader.case_started_at is not None:
                wait = min(wait, max(reader.case_started_at + case_limit - now, 0.001))
            ready = selector.select(wait)
            idle = not ready
            for key, _ in ready:
                data = os.read(key.fd, 65536)
                if data:
                    reader.feed(key.data, data)
                    if sender is not None and reader.loaded_seen and not sender.sent:
                        sender.send()
                else:
                    selector.unregister(key.fd)
    finally:
        selector.close()
    return reader, timed_out, case_timed_out
