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

import base64
import builtins
import contextlib
import copy
import ctypes
import hashlib
import json
import math
import os
import resource
import shutil
import signal
import stat
import sys
import tempfile
import time
import traceback
import types
from typing import Any

_MAX_VALUE_CHARS = 1 << 20
_STREAMS_KEPT = 1 << 20  # stdio files of stdin cases are emptied past this size
_MAX_TEXT = 2000


class _Channel:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pid = os.getpid()

    def send(self, *events: dict[str, Any], **event: Any) -> None:
        """Send ``event`` (keywords) or several ``events`` in one write (one wake-up of the parent)."""
        if os.getpid() != self.pid:
            return  # a child the program forked: only the harness process reports
        data = "".join(json.dumps(e, default=repr) + "\n" for e in (events or (event,))).encode()
        try:
            while data:
                written = os.write(self.fd, data)
                data = data[written:]
        except OSError:
            pass  # the program closed our pipe; the parent treats missing results as failures


_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT = 1, 2, 4, 8, 32
_MS_BIND, _MS_REC = 4096, 16384
_MNT_DETACH = 2
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "ppc64le": 203, "s390x": 217}  # syscall numbers
_DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")


def _mount(libc: Any, source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> int:
    rc: int = libc.mount(
        source.encode() if source else None, target.encode(),
        fstype.encode() if fstype else None, flags, data.encode() if data else None,
    )
    return 0 if rc == 0 else ctypes.get_errno()


def _locked_flags(path: str) -> int:
    """Flags a bind remount must keep (a user namespace may not clear them)."""
    found = os.statvfs(path).f_flag
    return ((_MS_NOSUID if found & os.ST_NOSUID else 0) | (_MS_NODEV if found & os.ST_NODEV else 0)
            | (_MS_NOEXEC if found & os.ST_NOEXEC else 0))


def _place(root: str, path: str, libc: Any, *, devices: bool = False) -> None:
    """Make ``path`` of the host visible, read-only, at the same place under ``root``."""
    target = root + path
    if os.path.islink(path):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.lexists(target):
            os.symlink(os.readlink(path), target)
        return
    if os.path.isdir(path):
        os.makedirs(target, exist_ok=True)
    elif os.path.exists(path):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            with open(target, "w", encoding="utf-8"):
                pass
    else:
        return
    error = _mount(libc, path, target, None, _MS_BIND | _MS_REC)
    if error:
        raise OSError(error, f"bind mount of {path} failed")
    flags = _MS_REMOUNT | _MS_BIND | _MS_NOSUID | _locked_flags(path)
    flags |= 0 if devices else _MS_RDONLY | _MS_NODEV
    error = _mount(libc, None, target, None, flags)
    if error:
        raise OSError(error, f"read-only remount of {path} failed")


def _fill_workdir(source: str, target: str, uid: int | None) -> None:
    """Copy the run's input files (program, task files) into its size-capped directory."""
    for name in os.listdir(source):
        path = os.path.join(source, name)
        if os.path.isfile(path) and not os.path.islink(path):
            copy = os.path.join(target, name)
            with open(path, "rb") as reader, open(copy, "wb") as writer:
                while chunk := reader.read(1 << 20):
                    writer.write(chunk)
            if uid is not None:
                os.chown(copy, uid, uid)
    if uid is not None:
        os.chown(target, uid, uid)
    os.chmod(target, 0o700)


_PRIVATE_TEMP = ("/tmp", "/var/tmp", "/dev/shm")
# A warm worker's prebuilt root (``build_root``): its path and the exposed paths it holds.
ROOT_TEMPLATE: tuple[str, tuple[str, ...]] | None = None


def build_root(root: str, expose: list[str] | tuple[str, ...], libc: Any) -> None:
    """The part of a run's root that is the same for every run: a small tmpfs holding the
    exposed host paths (read-only), a few device nodes, /dev links and mount points for the
    private temp dirs and /proc. Built per run, or once by a warm worker (``_zygote``), whose
    runs then only mount their own temp dirs, /proc and run directory on a copy of it."""
    os.makedirs(root, exist_ok=True)
    error = _mount(libc, "tmpfs", root, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=755")
    if error:
        raise OSError(error, "mount tmpfs for the new root failed")
    for target in (*_PRIVATE_TEMP, "/proc"):
        os.makedirs(root + target, exist_ok=True)
    for path in expose:
        _place(root, path, libc)
    for device in _DEVICES:
        _place(root, device, libc, devices=True)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")


def _under(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def _private_filesystem(setup: dict[str, Any]) -> None:
    """In a fresh mount namespace, switch to a new root holding only what the program needs:
    the paths in ``setup["expose"]`` read-only, a few device nodes, a fresh /proc, private temp
    dirs, and the run's own directory read-write on a size-capped tmpfs (or, for the trusted
    set-up runs whose files are collected, the host directory itself). The read-only part is
    the warm worker's prebuilt root when it holds the same paths and the run drops its
    privileges (so it cannot remount that shared root writable); otherwise it is built here."""
    libc = ctypes.CDLL(None, use_errno=True)
    workdir = os.getcwd()
    expose = tuple(setup.get("expose", []))
    if ROOT_TEMPLATE is not None and ROOT_TEMPLATE[1] == expose and setup.get("uid") is not None:
        root = ROOT_TEMPLATE[0]
    else:
        root = os.path.join(workdir, ".realcode-root")  # removed with the run's directory
        build_root(root, expose, libc)
    for target in _PRIVATE_TEMP:
        error = _mount(libc, "tmpfs", root + target, "tmpfs", _MS_NOSUID | _MS_NODEV,
                       f"size={int(setup.get('tmp_mb', 64))}m,mode=1777")
        if error:
            raise OSError(error, f"mount tmpfs on {target} failed")
    # An exposed path under a temp dir (a project cloned in /tmp) goes on top of the new tmpfs.
    for path in expose:
        if any(_under(path, target) for target in _PRIVATE_TEMP):
            _place(root, path, libc)
    error = _mount(libc, "/proc", root + "/proc", None, _MS_BIND | _MS_REC)
    if error:
        raise OSError(error, "bind mount of /proc failed")
    _mount(libc, root + "/proc/sys", root + "/proc/sys", None, _MS_BIND)
    _mount(libc, None, root + "/proc/sys", None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID
           | _MS_NODEV | _MS_NOEXEC)
    os.makedirs(root + workdir, exist_ok=True)
    if setup.get("workdir_on_host"):
        error = _mount(libc, workdir, root + workdir, None, _MS_BIND)
    else:
        error = _mount(libc, "tmpfs", root + workdir, "tmpfs", _MS_NOSUID | _MS_NODEV,
                       f"size={int(setup.get('workdir_mb', 256))}m,mode=700")
        if not error:
            _fill_workdir(workdir, root + workdir, setup.get("uid"))
    if error:
        raise OSError(error, f"mounting the run directory {workdir} failed")
    # The root becomes read-only for this run (this mount only: a worker's prebuilt root is
    # shared with its later runs): only the mounts above accept writes.
    error = _mount(libc, None, root, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    if error:
        raise OSError(error, "read-only remount of the new root failed")
    number = _PIVOT_ROOT.get(os.uname().machine)
    os.chdir(root)
    if number is None or libc.syscall(number, b".", b".") != 0:
        raise OSError(ctypes.get_errno(), "pivot_root failed")
    if libc.umount2(b".", _MNT_DETACH) != 0:
        raise OSError(ctypes.get_errno(), "detaching the host file system failed")
    os.chdir(workdir)


def _enter_sandbox(setup: dict[str, Any]) -> None:
    """Privileged steps, in an order that keeps each one possible."""
    if setup.get("private_tmp"):
        _private_filesystem(setup)

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

    def quiet_input(prompt: object = "") -> str:
        if prompt:
            sys.stderr.write(str(prompt))
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        return line.rstrip("\n")

    builtins.input = quiet_input


def _exit_status(exc: SystemExit) -> int:
    return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


def _module_namespace(name: str) -> dict[str, Any]:
    """A fresh module for the program, registered in ``sys.modules`` as Python registers a module
    it runs: dataclasses, enum, typing and pickle look a class's module up there by name (a
    ``@dataclass`` in a bare exec namespace fails with ``'NoneType' object has no attribute
    '__dict__'``)."""
    module = types.ModuleType(name)
    module.__file__ = "solution.py"
    sys.modules[name] = module
    return module.__dict__


def _run_script(spec: dict[str, Any], channel: _Channel) -> int:
    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return 1
    if spec.get("quiet_input_prompt"):
        _quiet_input_prompt()
    sys.argv = ["solution.py"]
    namespace = _module_namespace("__main__")
    channel.send(event="loaded")
    try:
        exec(code, namespace)
    except SystemExit as exc:
        exit_code = _exit_status(exc)
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


def _stdio_case(code: Any, case_dir: str, quiet: bool, owner: int) -> str:
    """Run the program as ``__main__`` once, in ``case_dir``, on the stdio ``_place_streams`` put
    on fds 0-2; the case's verdict: ``ok``, ``memory`` or ``error``."""
    os.chdir(case_dir)
    sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if quiet:
        _quiet_input_prompt()
    sys.argv = ["solution.py"]
    namespace = _module_namespace("__main__")
    verdict = "error"
    try:
        exec(code, namespace)
        verdict = "ok"
    except SystemExit as exc:
        verdict = "ok" if _exit_status(exc) == 0 else "error"
    except MemoryError:
        verdict = "memory"
    except BaseException:
        traceback.print_exc()
    finally:
        if os.getpid() != owner:
            os._exit(0)  # a process the program forked never comes back to run the next case
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(Exception):
                stream.flush()  # type: ignore[union-attr]
        namespace.clear()  # its functions hold it in a cycle: free its objects (connections) now
    return verdict


def _read_capped(path: str, cap: int, offset: int = 0) -> tuple[bytes, bool]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return b"", False
    chunks, size = [], 0
    try:
        while size <= cap:
            chunk = os.pread(fd, min(cap + 1 - size, 1 << 20), offset + size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        pass
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data[:cap], len(data) > cap


def _run_stdio_cases(spec: dict[str, Any], channel: _Channel) -> int:
    """Every stdin case of one program, one after another in this process (a fork per case cost
    more than most cases). Each case runs in a fresh ``__main__`` namespace, in a directory that
    holds exactly fresh copies of the set-up's files (a case that changes the database or leaves
    files behind leaves the next one untouched), its own stdin on fd 0 and its own output on fds
    1 and 2. The directory and the three stdio files are reused from case to case (an unchanged
    database is kept, input and output go after the last case's): creating, emptying and freeing
    files cost more than most cases. A case that hangs or ends the process is the parent's to
    stop: it records the case and restarts from the next one."""
    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return 1
    home, owner = os.getcwd(), os.getpid()
    files: dict[str, bytes] = {}
    for name in spec.get("files", []):
        with open(name, "rb") as handle:
            files[name] = handle.read()
    # Past the file-size limit a write fails with an error instead of killing every later case.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    channel.send(event="loaded")
    cases: list[str] = spec["cases"]
    cap = int(spec.get("max_output", 1 << 20))
    quiet = bool(spec.get("quiet_input_prompt"))
    case_dir = os.path.join(home, ".case")
    streams = tuple(os.path.join(home, name) for name in (".stdin", ".stdout", ".stderr"))
    pending: dict[str, Any] | None = None  # the last case's result, sent with the next start
    for index in range(int(spec.get("start", 0)), min(int(spec.get("end", len(cases))), len(cases))):
        try:
            case_dir = _reset_case_dir(case_dir, files)
            offsets = _place_streams(streams, cases[index].encode("utf-8"))
        except BaseException:
            if pending:  # the last case's verdict is not lost with this one
                channel.send(pending)
            raise
        start = {"event": "case_start", "i": index}
        channel.send(*((pending, start) if pending else (start,)))
        verdict = _stdio_case(code, case_dir, quiet, owner)
        out, exceeded = _read_capped(streams[1], cap, offsets[1])
        err, _ = _read_capped(streams[2], cap, offsets[2])
        pending = {"event": "case", "i": index, "status": "output_limit" if exceeded else verdict,
                   "stdout": out.decode("utf-8", "replace"),
                   "error": err.decode("utf-8", "replace").strip()[-_MAX_TEXT:]}
        os.chdir(home)
    done = {"event": "exit", "status": "ok", "code": 0}
    channel.send(*((pending, done) if pending else (done,)))
    return 0


def _reset_case_dir(path: str, files: dict[str, bytes]) -> str:
    """A real directory holding exactly ``files`` with their original content: ``path`` cleared,
    or, where the last case made that impossible (permissions, a fifo), a new one beside it."""
    try:
        if os.path.islink(path) or not os.path.isdir(path):
            _remove(path)
            os.mkdir(path, 0o700)
        with os.scandir(path) as entries:
            for entry in entries:
                if not (entry.name in files and entry.is_file(follow_symlinks=False)):
                    _remove(entry.path)
        _restore_files(path, files)
        return path
    except OSError:
        with contextlib.suppress(OSError):
            if not os.path.islink(path):
                os.chmod(path, 0o700)
        _remove(path)
        fresh = tempfile.mkdtemp(prefix=".case-", dir=os.path.dirname(path))
        _restore_files(fresh, files)
        return fresh


def _restore_files(folder: str, files: dict[str, bytes]) -> None:
    """Give each set-up file in ``folder`` its original content and mode (most cases only read
    the database: comparing it costs less than rewriting it)."""
    for name, content in files.items():
        path = os.path.join(folder, name)
        if not _holds(path, content):
            _write_file(path, content)


def _place_streams(paths: tuple[str, ...], stdin: bytes) -> list[int]:
    """Put the stdin, stdout and stderr files on fds 0-2 for the next case, each positioned at its
    end: the case's input is appended to the stdin file and its output starts where the last
    case's ended (returned: the three start offsets). Emptying files per case cost more than most
    cases (freeing their pages); they are emptied only once they pass ``_STREAMS_KEPT`` bytes."""
    offsets = []
    for target, path in enumerate(paths):
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW
        try:
            fd = os.open(path, flags, 0o600)
        except OSError:  # the last case put something else there
            _remove(path)
            fd = os.open(path, flags | os.O_EXCL, 0o600)
        end = os.fstat(fd).st_size
        if end > _STREAMS_KEPT:
            os.ftruncate(fd, 0)
            end = 0
        if target == 0:
            _write_all(fd, stdin, end)
        os.lseek(fd, end, os.SEEK_SET)
        if fd != target:  # the last case may have closed the target (``open(0)`` closes fd 0)
            os.dup2(fd, target)
            os.close(fd)
        offsets.append(end)
    return offsets


def _holds(path: str, content: bytes) -> bool:
    """Whether ``path`` is a regular file of mode 0600 holding exactly ``content``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        return (stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600
                and info.st_size == len(content) and os.pread(fd, len(content) + 1, 0) == content)
    except OSError:
        return False
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _write_file(path: str, content: bytes) -> None:
    """Write ``content`` to ``path`` as a file of mode 0600, truncating the file there (never
    through a symlink)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(path, flags, 0o600)
    except OSError:  # a symlink, a folder or a fifo where the file was: replace it
        _remove(path)
        fd = os.open(path, flags | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a kept file may have had its mode changed by the last case
        _write_all(fd, content, 0)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.pwrite(fd, view, offset + len(data) - len(view)):]


def _keystream_xor(data: bytes, key: bytes) -> bytes:
    """``data`` XOR a SHAKE-256 key stream: sealing and unsealing are the same operation."""
    pad = hashlib.shake_256(key).digest(len(data))
    return (int.from_bytes(data, "little") ^ int.from_bytes(pad, "little")).to_bytes(len(data), "little")


def seal(spec: dict[str, Any], fields: tuple[str, ...]) -> tuple[dict[str, Any], bytes]:
    """``spec`` with ``fields`` (the test inputs) encrypted under a fresh key, and that key.

    Parent side. The program's module-level code runs before any case's clock starts and shares
    the harness's process: with the inputs readable there it could compute every answer while
    loading, outside the per-case limits. The key reaches the run on its stdin only once the
    program has loaded, and the parent starts the first case's clock then."""
    key = os.urandom(32)
    payload = json.dumps({name: spec[name] for name in fields if name in spec}).encode()
    sealed = {name: value for name, value in spec.items() if name not in fields}
    sealed["sealed"] = base64.b64encode(_keystream_xor(payload, key)).decode("ascii")
    return sealed, key


def _unseal(spec: dict[str, Any]) -> None:
    """Read the key from stdin (sent by the parent after ``loaded``) and restore the sealed fields."""
    if "sealed" not in spec:
        return
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, 128)
        if not chunk:
            break
        line += chunk
    key = base64.b64decode(line.strip(), validate=True)
    payload = _keystream_xor(base64.b64decode(spec.pop("sealed")), key)
    spec.update(json.loads(payload))


def _load_namespace(spec: dict[str, Any], channel: _Channel) -> dict[str, Any] | None:
    """Exec preamble/setup, then the program, into one module namespace (not ``__main__``)."""
    namespace = _module_namespace("solution")
    try:
        code = _compile_program(spec["program"])
    except (SyntaxError, ValueError) as exc:
        channel.send(event="exit", status="syntax_error", error=_error_text(exc))
        return None
    _leave_no_source(spec)
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
    try:
        _unseal(spec)
    except Exception as exc:  # the program took or closed standard input: its own doing
        channel.send(event="exit", status="exception",
                     error=f"the test inputs could not be read: {_error_text(exc)}")
        return None
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
            arguments = [_from_plain(a) for a in cases[index]] if spec.get("encoded_args") else cases[index]
            result = _resolve_callable(namespace, spec)(*arguments)
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


def _qualname(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _plain(value: Any, depth: int = 0, *, ordered: bool = False) -> Any:
    """Serialise a value to plain JSON data that keeps what ``==`` would look at: exact builtin
    types (tuples, bytes, sets and non-string keys tagged), numpy arrays by shape and content,
    other objects by type and state (or a repr without memory addresses). Subclasses of builtins
    are reduced to the builtin, so a value cannot carry its own ``__eq__`` out of the sandbox.
    Mappings are sorted for comparison; ``ordered`` keeps their order (arguments to replay: a
    function may depend on it)."""
    if depth > 50:
        raise ValueError("value nested too deeply")
    if value is None or type(value) is bool:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__index__(value) if type(value) is not int else value
    if isinstance(value, float):
        number = float.__float__(value)
        return number if math.isfinite(number) else {"__float__": repr(number)}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": bytes(value).decode("latin-1")}
    if isinstance(value, tuple):
        return {"__tuple__": [_plain(v, depth + 1, ordered=ordered) for v in tuple.__iter__(value)]}
    if isinstance(value, list):
        return [_plain(v, depth + 1, ordered=ordered) for v in list.__iter__(value)]
    if isinstance(value, (set, frozenset)):
        items = [_plain(v, depth + 1, ordered=ordered) for v in value]
        return {"__set__": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        pairs = [[_plain(k, depth + 1, ordered=ordered), _plain(v, depth + 1, ordered=ordered)] for k, v in dict.items(value)]
        return {"__dict__": pairs if ordered else sorted(pairs, key=lambda kv: json.dumps(kv[0], sort_keys=True))}
    kind = type(value)
    if hasattr(value, "shape") and hasattr(value, "item") and getattr(value, "shape", None) == ():
        return _plain(value.item(), depth + 1)  # a numpy scalar compares like the number
    if hasattr(value, "shape") and hasattr(value, "tolist"):
        return {"__ndarray__": _plain(list(value.shape), depth + 1),
                "data": _plain(value.tolist(), depth + 1), "type": _qualname(kind)}
    text = repr(value)
    if " at 0x" not in text:
        return {"__object__": _qualname(kind), "repr": text[:_MAX_TEXT]}
    state = getattr(value, "__dict__", None)
    if isinstance(state, dict):
        return {"__object__": _qualname(kind), "state": _plain(dict(state), depth + 1)}
    return {"__object__": _qualname(kind)}


def _is_exception_type(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


def _flat_cases(spec: dict[str, Any], namespace: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    exec(compile(spec["testcases"], "<testcases>", "exec"), namespace)
    testcases = namespace["testcases"]
    return [(group, kwargs, expected) for group in spec["groups"]
            for kwargs, expected in testcases.get(group, [])]


def _leave_no_source(spec: dict[str, Any]) -> None:
    """Suites see the same working directory whether the program or the oracle runs (a test's
    expected value may list it), so the program file goes once it is compiled."""
    with contextlib.suppress(OSError):
        os.unlink(spec["program"])


def _run_oracle(spec: dict[str, Any], channel: _Channel) -> int:
    """The expected outcome of every case of a SecCodePLT-style suite, computed from the task's
    own set-up and test source without the generated program, as plain data for the parent."""
    namespace = _module_namespace("solution")
    _leave_no_source(spec)
    try:
        for key in ("setup_code", "reference"):
            if spec.get(key):
                exec(compile(spec[key], f"<{key}>", "exec"), namespace)
        flat = _flat_cases(spec, namespace)
        for index, (group, _kwargs, expected) in enumerate(flat):
            if _is_exception_type(expected):
                channel.send(event="expected", i=index, group=group, raises=_qualname(expected))
            elif _is_matcher(expected):
                channel.send(event="expected", i=index, group=group, judge=repr(expected)[:_MAX_TEXT])
            else:
                channel.send(event="expected", i=index, group=group, value=_plain(expected))
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return 1
    channel.send(event="exit", status="ok", code=0, cases=len(flat))
    return 0


def _is_matcher(expected: Any) -> bool:
    """An expected value of a task-defined class with its own ``__eq__`` (e.g. "any hex digest
    of 256 bits"): only its own code can say what equals it, so it judges returned values in a
    separate run that never loads the program."""
    kind = type(expected)
    return kind.__module__ == "solution" and getattr(kind, "__eq__", None) is not object.__eq__


def _from_plain(value: Any) -> Any:
    """Builtin values back from the plain serialisation (objects stay as their description)."""
    if isinstance(value, list):
        return [_from_plain(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(_from_plain(v) for v in value["__tuple__"])
    if "__bytes__" in value:
        return str(value["__bytes__"]).encode("latin-1")
    if "__set__" in value:
        return {_hashable(_from_plain(v)) for v in value["__set__"]}
    if "__dict__" in value:
        return {_hashable(_from_plain(k)): _from_plain(v) for k, v in value["__dict__"]}
    if "__float__" in value:
        return float(value["__float__"])
    return value


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _run_judge(spec: dict[str, Any], channel: _Channel) -> int:
    """Matcher cases: the task's expected objects compare the program's returned values (plain
    data from the parent), in a run that never loads the program."""
    namespace = _module_namespace("solution")
    _leave_no_source(spec)
    try:
        if spec.get("setup_code"):
            exec(compile(spec["setup_code"], "<setup_code>", "exec"), namespace)
        flat = _flat_cases(spec, namespace)
        for index, value in spec["values"]:
            expected = flat[int(index)][2]
            try:
                equal = bool(_from_plain(value) == expected)
            except Exception:
                equal = False
            channel.send(event="judged", i=int(index), equal=equal)
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return 1
    channel.send(event="exit", status="ok", code=0)
    return 0


_MAX_RECORDED = 2000


def _run_record(spec: dict[str, Any], channel: _Channel) -> int:
    """A task's own check function driving its reference solution: every call is recorded (the
    arguments before the call, as exact JSON, and the returned value) for the parent to replay."""
    namespace = _module_namespace("solution")
    _leave_no_source(spec)
    calls: list[tuple[Any, Any]] = []
    try:
        exec(compile(spec["reference"], "<reference>", "exec"), namespace)
        exec(compile(spec["check_source"], "<check>", "exec"), namespace)
        real = namespace[spec["fn_name"]]

        def recorder(*args: Any, **kwargs: Any) -> Any:
            if kwargs:
                raise ValueError("keyword arguments cannot be replayed as call cases")
            arguments = [_plain(a, ordered=True) for a in args]
            if [_from_plain(a) for a in arguments] != list(args):
                raise ValueError("arguments that cannot be replayed exactly")
            value = real(*copy.deepcopy(args))
            if len(calls) < _MAX_RECORDED:
                calls.append((arguments, _to_jsonable(value)))
            return value

        namespace[spec.get("check_name", "check")](recorder)
        for index, (arguments, value) in enumerate(calls):
            channel.send(event="recorded", i=index, args=arguments, value=value)
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return 1
    channel.send(event="exit", status="ok", code=0, cases=len(calls))
    return 0


def _run_suite(spec: dict[str, Any], channel: _Channel) -> int:
    """SecCodePLT-style suite, program side: the test source arrives with every expected value
    replaced by ``None`` (the parent holds them); each call's outcome goes back as plain data: the
    returned value, or the raised exception's type hierarchy."""
    namespace = _load_namespace(spec, channel)
    if namespace is None:
        return 1
    try:
        flat = _flat_cases(spec, namespace)
    except BaseException as exc:
        channel.send(event="exit", status="setup_error", error=_error_text(exc))
        return 1
    function = namespace.get(spec["fn_name"])
    if not callable(function):
        channel.send(event="exit", status="exception",
                     error=f"NameError: function {spec['fn_name']!r} is not defined")
        return 1
    skip = set(spec.get("skip", ()))  # cases the parent already failed unrun
    for index in range(int(spec.get("start", 0)), min(int(spec.get("end", len(flat))), len(flat))):
        if index in skip:
            continue
        group, kwargs, _ = flat[index]
        channel.send(event="case_start", i=index)
        try:
            result = function(**kwargs)
        except MemoryError as exc:
            channel.send(event="case", i=index, group=group, status="memory", error=_error_text(exc))
            continue
        except BaseException as exc:
            channel.send(event="case", i=index, group=group, status="raised",
                         types=[_qualname(k) for k in type(exc).__mro__], error=_error_text(exc))
            continue
        try:
            value = _plain(result)
            if len(json.dumps(value)) > _MAX_VALUE_CHARS:
                raise ValueError("returned value too large")
        except BaseException as exc:
            channel.send(event="case", i=index, group=group, status="error",
                         error=f"returned value cannot be compared: {_error_text(exc)}")
            continue
        channel.send(event="case", i=index, group=group, status="returned", value=value)
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
    runners = {"script": _run_script, "call": _run_calls, "suite": _run_suite, "oracle": _run_oracle,
               "record": _run_record, "judge": _run_judge,
               "stdio": _run_stdio_cases}
    return runners[spec["mode"]](spec, channel)


if __name__ == "__main__":
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    # As a warm worker's run ends: a thread the program left running does not hold the run open
    # until its wall.
    os._exit(status)
