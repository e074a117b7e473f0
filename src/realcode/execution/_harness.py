"""Runs inside the sandbox: finish isolating this process, then run the untrusted program.

This file is copied into each run's private directory and started as ``python -I harness spec.json``.
It must use the standard library only and stay importable on Python 3.10+.

Set-up happens before any untrusted code runs, while the process still holds its privileges:
private tmpfs mounts over /tmp, /var/tmp and /dev/shm (when in a mount namespace), resource limits,
then dropping to an unprivileged uid so that RLIMIT_NPROC binds even when the scorer runs as root.

Results travel as JSON lines on a dedicated pipe (``result_fd``), never on stdout, so a program that
prints "all tests passed" has no effect. The program runs in this same process, so it could forge
lines on that pipe; function-call suites therefore send back only the returned values and the
parent process compares them with the expected ones, which never enter the sandbox.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
import traceback
from typing import Any

_MAX_VALUE_CHARS = 1 << 20
_MAX_TEXT = 2000


class _Channel:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pid = os.getpid()

    def send(self, **event: Any) -> None:
        if os.getpid() != self.pid:
            return  # a child the program forked: only the harness process reports
        data = (json.dumps(event, default=repr) + "\n").encode()
        try:
            while data:
                written = os.write(self.fd, data)
                data = data[written:]
        except OSError:
            pass  # the program closed our pipe; the parent treats missing results as failures


_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_REMOUNT, _MS_BIND, _MS_REC = 1, 2, 4, 32, 4096, 16384


def _mount(libc: Any, source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> int:
    import ctypes

    rc: int = libc.mount(
        source.encode() if source else None, target.encode(),
        fstype.encode() if fstype else None, flags, data.encode() if data else None,
    )
    return 0 if rc == 0 else ctypes.get_errno()


def _private_filesystem(setup: dict[str, Any]) -> None:
    """In a fresh mount namespace: private temp dirs, hidden homes, everything else read-only."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    workdir = os.getcwd()
    # Directories the interpreter needs that live under a hidden home: keep handles to them.
    keep = {path: os.open(path, os.O_RDONLY | os.O_DIRECTORY) for path in setup.get("reexpose", [])}
    ours = set()
    hidden = [(t, "size=64m,mode=1777") for t in ("/tmp", "/var/tmp", "/dev/shm")]
    hidden += [(t, "size=1m,mode=755") for t in setup.get("hide", [])]
    for target, options in hidden:
        if os.path.isdir(target):
            error = _mount(libc, "tmpfs", target, "tmpfs", _MS_NOSUID | _MS_NODEV, options)
            if error:
                raise OSError(error, f"mount tmpfs on {target} failed")
            ours.add(target)
    for path, handle in keep.items():
        os.makedirs(path, exist_ok=True)
        error = _mount(libc, f"/proc/self/fd/{handle}", path, None, _MS_BIND | _MS_REC)
        if error:
            raise OSError(error, f"re-exposing {path} failed")
        os.close(handle)
    # The run's own directory may lie under a path just hidden by a tmpfs: our cwd still points
    # at it, so bind it back at its old path.
    if not os.path.isdir(workdir) or not os.path.samefile(workdir, "."):
        os.makedirs(workdir, exist_ok=True)
        error = _mount(libc, ".", workdir, None, _MS_BIND)
        if error:
            raise OSError(error, f"bind mount of {workdir} failed")
        os.chdir(workdir)
    ours.add(workdir)
    _mount(libc, "/proc/sys", "/proc/sys", None, _MS_BIND)
    with open("/proc/self/mountinfo", encoding="utf-8") as mountinfo:
        points = [line.split()[4] for line in mountinfo]
    for point in points:
        if point in ours or point in ("/proc", "/dev", "/dev/pts", "/dev/null"):
            continue
        # Best effort: a mount that refuses (locked in a user namespace) stays as it was.
        _mount(libc, None, point, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY)


def _enter_sandbox(setup: dict[str, Any]) -> None:
    """Privileged steps, in an order that keeps each one possible."""
    if setup.get("private_tmp"):
        _private_filesystem(setup)
    import resource

    for name, value in setup.get("rlimits", {}).items():
        limit = getattr(resource, f"RLIMIT_{name}")
        resource.setrlimit(limit, (int(value), int(value)))
    uid, gid = setup.get("uid"), setup.get("gid")
    if uid is not None and gid is not None:
        os.setgroups([])
        os.setgid(int(gid))
        os.setuid(int(uid))
    if setup.get("network_guard"):
        _install_network_guard()


def _install_network_guard() -> None:
    """Fallback when no network namespace is available: refuse socket use at the Python level."""
    import socket

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError("network access is disabled in the realcode sandbox")

    for name in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
        setattr(socket.socket, name, refuse)
    socket.getaddrinfo = refuse
    socket.create_connection = refuse


def _short(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT // 2] + "\n...\n" + text[-_MAX_TEXT // 2 :]


def _error_text(exc: BaseException) -> str:
    return _short("".join(traceback.format_exception_only(type(exc), exc)).strip())


def _to_jsonable(value: Any, depth: int = 0) -> Any:
    """Map a returned value onto JSON; values JSON cannot hold become a tagged repr."""
    if depth > 50:
        raise ValueError("value nested too deeply")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [_to_jsonable(v, depth + 1) for v in value]
        return {"__set__": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        return {str(k): _to_jsonable(v, depth + 1) for k, v in value.items()}
    return {"__repr__": repr(value)[:_MAX_TEXT]}


def _compile_program(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    return compile(source, "solution.py", "exec")


def _quiet_input_prompt() -> None:
    """Send input()'s prompt to stderr so stdout holds only what the program prints."""
    import builtins

    def quiet_input(prompt: object = "") -> str:
        if prompt:
            sys.stderr.write(str(prompt))
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        return line.rstrip("\n")

    builtins.input = quiet_input


def _run_script(spec: dict[str, Any], channel: _Channel) -> int:
    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return 1
    if spec.get("quiet_input_prompt"):
        _quiet_input_prompt()
    sys.argv = ["solution.py"]
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": "solution.py"}
    channel.send(event="loaded")
    try:
        exec(code, namespace)
    except SystemExit as exc:
        exit_code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        channel.send(event="exit", status="exit", code=exit_code)
        return exit_code
    except MemoryError as exc:
        channel.send(event="exit", status="memory", error=_error_text(exc))
        return 1
    except BaseException as exc:
        channel.send(event="exit", status="exception", error=_error_text(exc))
        traceback.print_exc()
        return 1
    channel.send(event="exit", status="ok", code=0)
    return 0


_EXIT_EXCEPTION, _EXIT_MEMORY = 1, 3


def _stdio_child(code: Any, case_dir: str, stdin_path: str, out_w: int, err_w: int, quiet: bool) -> None:
    """In a forked child: run the program as __main__ on one case's stdin, in its own directory.
    The result pipe is closed here, so the program cannot write verdicts."""
    status = _EXIT_EXCEPTION
    try:
        os.chdir(case_dir)
        stdin_fd = os.open(stdin_path, os.O_RDONLY)
        for fd, target in ((stdin_fd, 0), (out_w, 1), (err_w, 2)):
            os.dup2(fd, target)
        os.closerange(3, 65536)
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        if quiet:
            _quiet_input_prompt()
        sys.argv = ["solution.py"]
        try:
            exec(code, {"__name__": "__main__", "__file__": "solution.py"})
            status = 0
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if status == _EXIT_MEMORY:
                status = _EXIT_EXCEPTION  # keep code 3 for real memory errors
        except MemoryError:
            status = _EXIT_MEMORY
        except BaseException:
            traceback.print_exc()
            status = _EXIT_EXCEPTION
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(status)


def _drain(pid: int, out_r: int, err_r: int, timeout: float, cap: int) -> tuple[bytes, bytes, str]:
    """Read a case's output until it ends, its time is up or it prints too much."""
    import select
    import signal

    out, err = bytearray(), bytearray()
    open_fds = {out_r: out, err_r: err}
    deadline = time.monotonic() + timeout
    verdict = ""
    while open_fds:
        left = deadline - time.monotonic()
        if left <= 0:
            verdict = "timeout"
            break
        ready, _, _ = select.select(list(open_fds), [], [], left)
        for fd in ready:
            data = os.read(fd, 65536)
            if not data:
                del open_fds[fd]
                continue
            open_fds[fd] += data
        if len(out) + len(err) > cap:
            verdict = "output_limit"
            break
    if verdict:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return bytes(out[:cap]), bytes(err[-_MAX_TEXT:]), verdict


def _run_stdio_cases(spec: dict[str, Any], channel: _Channel) -> int:
    """Every stdin case of one program in this sandbox: a fresh child and directory per case."""
    import shutil
    import tempfile

    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return 1
    channel.send(event="loaded")
    cases: list[str] = spec["cases"]
    cap = int(spec.get("max_output", 1 << 20))
    for index in range(int(spec.get("start", 0)), min(int(spec.get("end", len(cases))), len(cases))):
        channel.send(event="case_start", i=index)
        case_dir = tempfile.mkdtemp(prefix=f".case{index}-", dir=".")
        for name in spec.get("files", []):
            shutil.copyfile(name, os.path.join(case_dir, name))
        stdin_path = os.path.join(case_dir, ".stdin")
        with open(stdin_path, "w", encoding="utf-8") as handle:
            handle.write(cases[index])
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            _stdio_child(code, case_dir, os.path.abspath(stdin_path), out_w, err_w,
                         bool(spec.get("quiet_input_prompt")))
        os.close(out_w)
        os.close(err_w)
        out, err, verdict = _drain(pid, out_r, err_r, float(spec["case_timeout"]), cap)
        os.close(out_r)
        os.close(err_r)
        _, status = os.waitpid(pid, 0)
        if not verdict:
            code_or_signal = os.waitstatus_to_exitcode(status)
            verdict = {0: "ok", _EXIT_MEMORY: "memory"}.get(code_or_signal, "error")
        channel.send(event="case", i=index, status=verdict, stdout=out.decode("utf-8", "replace"),
                     error=err.decode("utf-8", "replace").strip()[-_MAX_TEXT:],
                     exit=os.waitstatus_to_exitcode(status))
        shutil.rmtree(case_dir, ignore_errors=True)
    channel.send(event="exit", status="ok", code=0)
    return 0


def _load_namespace(spec: dict[str, Any], channel: _Channel) -> dict[str, Any] | None:
    """Exec preamble/setup, then the program, into one module namespace (not ``__main__``)."""
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": "solution.py"}
    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return None
    try:
        for key in ("preamble", "setup_code"):
            if spec.get(key):
                exec(compile(spec[key], f"<{key}>", "exec"), namespace)
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return None
    try:
        exec(code, namespace)
    except MemoryError as exc:
        channel.send(event="exit", status="memory", error=_error_text(exc))
        return None
    except BaseException as exc:
        channel.send(event="exit", status="exception", error=_error_text(exc))
        return None
    channel.send(event="loaded")
    return namespace


def _resolve_callable(namespace: dict[str, Any], spec: dict[str, Any]) -> Any:
    class_name = spec.get("class_name")
    if class_name:
        return getattr(namespace[class_name](), spec["fn_name"])
    return namespace[spec["fn_name"]]


def _run_calls(spec: dict[str, Any], channel: _Channel) -> int:
    namespace = _load_namespace(spec, channel)
    if namespace is None:
        return 1
    cases: list[list[Any]] = spec["cases"]
    for index in range(int(spec.get("start", 0)), min(int(spec.get("end", len(cases))), len(cases))):
        channel.send(event="case_start", i=index)
        started = time.perf_counter()
        try:
            # A fresh instance per case: LeetCode-style classes may keep state between calls.
            result = _resolve_callable(namespace, spec)(*cases[index])
            value = _to_jsonable(result)
            encoded = json.dumps(value)
            if len(encoded) > _MAX_VALUE_CHARS:
                raise ValueError(f"returned value too large ({len(encoded)} characters)")
            channel.send(event="case", i=index, status="returned", value=value,
                         seconds=time.perf_counter() - started)
        except MemoryError as exc:
            channel.send(event="case", i=index, status="memory", error=_error_text(exc))
        except BaseException as exc:
            channel.send(event="case", i=index, status="error", error=_error_text(exc))
    channel.send(event="exit", status="ok", code=0)
    return 0


def _values_equal(actual: Any, expected: Any) -> bool:
    """``==`` that also works through containers holding arrays (whose ``==`` is elementwise)."""
    if isinstance(actual, (list, tuple)) and type(actual) is type(expected):
        return len(actual) == len(expected) and all(map(_values_equal, actual, expected))
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            _values_equal(actual[k], expected[k]) for k in actual)
    if hasattr(actual, "shape") and hasattr(actual, "tolist") and hasattr(expected, "tolist"):
        return bool(getattr(actual, "shape", None) == getattr(expected, "shape", None)) and \
            _values_equal(actual.tolist(), expected.tolist())
    return bool(actual == expected)


def _is_exception_type(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


def _run_suite(spec: dict[str, Any], channel: _Channel) -> int:
    """SecCodePLT-style suite: ``testcases = {group: [(kwargs, expected or ExceptionType), ...]}``."""
    namespace = _load_namespace(spec, channel)
    if namespace is None:
        return 1
    try:
        exec(compile(spec["testcases"], "<testcases>", "exec"), namespace)
        testcases = namespace["testcases"]
        flat = [
            (group, kwargs, expected)
            for group in spec["groups"]
            for kwargs, expected in testcases.get(group, [])
        ]
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return 1
    channel.send(event="plan", groups=[group for group, _, _ in flat])
    function = namespace.get(spec["fn_name"])
    if not callable(function):
        channel.send(event="exit", status="exception",
                     error=f"NameError: function {spec['fn_name']!r} is not defined")
        return 1
    for index in range(int(spec.get("start", 0)), min(int(spec.get("end", len(flat))), len(flat))):
        group, kwargs, expected = flat[index]
        channel.send(event="case_start", i=index)
        try:
            result = function(**kwargs)
        except MemoryError as exc:
            channel.send(event="case", i=index, group=group, status="memory", error=_error_text(exc))
            continue
        except BaseException as exc:
            if _is_exception_type(expected) and isinstance(exc, expected):
                channel.send(event="case", i=index, group=group, status="passed")
            else:
                channel.send(event="case", i=index, group=group, status="error",
                             error=_error_text(exc))
            continue
        if _is_exception_type(expected):
            channel.send(event="case", i=index, group=group, status="failed",
                         error=f"expected {expected.__name__} to be raised, got {_short(repr(result))}")
            continue
        try:
            equal = _values_equal(result, expected)
        except BaseException as exc:
            equal = False
            channel.send(event="case", i=index, group=group, status="error", error=_error_text(exc))
            continue
        channel.send(event="case", i=index, group=group, status="passed" if equal else "failed",
                     error=None if equal else f"expected {_short(repr(expected))}, got {_short(repr(result))}")
    channel.send(event="exit", status="ok", code=0)
    return 0


def load_spec(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        spec: dict[str, Any] = json.load(handle)
    with contextlib.suppress(OSError):
        os.unlink(path)  # the program need not see its own test inputs on disk
    return spec


def main() -> int:
    return run_spec(load_spec(sys.argv[1]))


def run_spec(spec: dict[str, Any]) -> int:
    """Isolate this process as ``spec["setup"]`` says, then run the program (also used in-process
    by warm workers, in the child they fork for each run)."""
    channel = _Channel(int(spec["result_fd"]))
    if "env" in spec:  # warm workers fork from a shared process: set this run's environment
        os.environ.clear()
        os.environ.update(spec["env"])
    try:
        _enter_sandbox(spec.get("setup", {}))
    except BaseException as exc:
        channel.send(event="sandbox_error", error=_error_text(exc))
        return 125
    runners = {"script": _run_script, "call": _run_calls, "suite": _run_suite,
               "stdio": _run_stdio_cases}
    return runners[spec["mode"]](spec, channel)


if __name__ == "__main__":
    sys.exit(main())
