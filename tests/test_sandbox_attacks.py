"""Hostile programs: each is contained, ends with the right status, and leaves no trace behind."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from realcode.execution.isolation import detect_isolation
from realcode.execution.limits import Limits
from realcode.execution.report import Status
from realcode.execution.runners import run_script, run_tests
from realcode.execution.suites import CallCase, CallSuite
from realcode.execution.warm import WarmPool

LIMITS = Limits(wall_s=3.0, memory_mb=512, max_processes=32, max_output_bytes=64 * 1024)


@pytest.fixture(scope="module", params=["spawn", "warm"])
def pool(request: pytest.FixtureRequest) -> Iterator[WarmPool | None]:
    """Every attack runs on both backends: a cold interpreter, and a fork from a warm worker."""
    if request.param == "spawn":
        yield None
        return
    with WarmPool(2) as warm:
        yield warm
BENIGN = "import os\nprint('ok', sorted(os.listdir('.')))\n"


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(entry))
    return found


def _assert_next_run_is_clean(pool: WarmPool | None) -> None:
    report = run_script(BENIGN, limits=LIMITS, pool=pool)
    assert report.status is Status.PASSED
    # a fresh private directory: nothing but the harness-owned files of this run
    assert "leftover" not in report.stdout and "pwned" not in report.stdout


ATTACKS = {
    "network_connect": ("import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=2)\n", Status.CRASH),
    "network_dns": ("import socket\nsocket.getaddrinfo('example.com', 80)\n", Status.CRASH),
    "fork_bomb": ("import os\nwhile True:\n    os.fork()\n", Status.CRASH),
    "memory_bomb": ("blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 1024 * 1024))\n", Status.MEMORY),
    "infinite_loop": ("while True:\n    pass\n", Status.TIMEOUT),
    "sleep_past_timeout": ("import time\ntime.sleep(60)\n", Status.TIMEOUT),
    "huge_output": ("while True:\n    print('x' * 10000)\n", Status.OUTPUT_LIMIT),
    "deep_recursion": ("def f(n):\n    return f(n + 1)\nf(0)\n", Status.CRASH),
    "segfault": ("import ctypes\nctypes.string_at(0)\n", Status.CRASH),
    "os_exit_nonzero": ("import os\nos._exit(3)\n", Status.CRASH),
    "file_descriptor_exhaustion": ("fs = [open('/dev/null') for _ in range(100000)]\n", Status.CRASH),
    # one file past the 64 MB file-size cap: a clear "disk limit" status, not a crash
    "disk_filling": ("with open('big', 'wb') as f:\n    f.write(b'x' * (200 * 1024 * 1024))\n",
                     Status.OUTPUT_LIMIT),
    "syntax_error": ("def broken(:\n", Status.SYNTAX_ERROR),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_contained(name: str, pool: WarmPool | None) -> None:
    program, expected = ATTACKS[name]
    started = time.monotonic()
    report = run_script(program, limits=LIMITS, pool=pool)
    assert report.status is expected, (report.status, report.detail, report.stderr[-500:])
    assert time.monotonic() - started < LIMITS.wall_s + 3
    _assert_next_run_is_clean(pool)


def test_network_is_unreachable_in_namespace(pool: WarmPool | None) -> None:
    report = run_script("import socket\ns = socket.socket()\ns.settimeout(1)\ns.connect(('127.0.0.1', 22))\n",
                        limits=LIMITS, pool=pool)
    assert report.status is Status.CRASH
    if detect_isolation().network == "namespace":
        assert "Connection refused" in report.detail or "unreachable" in (report.detail or "")


def test_writing_outside_its_directory_has_no_effect(tmp_path: Path, pool: WarmPool | None) -> None:
    target = tmp_path / "pwned.txt"
    repo_file = Path(__file__).resolve().parents[1] / "pwned-by-sandbox.txt"
    program = (
        "import os\n"
        f"for path in [{str(target)!r}, {str(repo_file)!r}, '/etc/pwned', '/tmp/leftover']:\n"
        "    try:\n"
        "        open(path, 'w').write('pwned')\n"
        "        print('wrote', path)\n"
        "    except OSError as exc:\n"
        "        print('refused', path, type(exc).__name__)\n"
    )
    report = run_script(program, limits=LIMITS, pool=pool)
    assert report.status is Status.PASSED
    assert not target.exists() and not repo_file.exists() and not Path("/etc/pwned").exists()
    if detect_isolation().private_tmp:
        assert not Path("/tmp/leftover").exists()
        assert f"refused {repo_file}" in report.stdout
    _assert_next_run_is_clean(pool)


def test_parent_environment_and_files_are_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: WarmPool | None) -> None:
    monkeypatch.setenv("REALCODE_TEST_SECRET", "s3cret-token-value")
    secret = tmp_path / "secret.txt"
    secret.write_text("private-key-material")
    secret.chmod(0o600)
    program = (
        "import os\nprint(dict(os.environ))\n"
        f"try:\n    print(open({str(secret)!r}).read())\nexcept OSError as exc:\n    print('denied', type(exc).__name__)\n"
    )
    report = run_script(program, limits=LIMITS, pool=pool)
    assert report.status is Status.PASSED
    assert "s3cret-token-value" not in report.stdout
    assert "private-key-material" not in report.stdout
    assert "denied" in report.stdout


def test_killing_the_parent_or_everything_leaves_the_scorer_alive(pool: WarmPool | None) -> None:
    for program in ("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n",
                    "import os, signal\nos.kill(-1, signal.SIGKILL)\n"):
        report = run_script(program, limits=LIMITS, pool=pool)
        assert report.status in (Status.PASSED, Status.CRASH)
    assert os.getpid() > 0  # still here
    _assert_next_run_is_clean(pool)


@pytest.mark.parametrize("detach", ["start_new_session=True", "start_new_session=False"])
def test_background_process_does_not_outlive_the_run(detach: str, pool: WarmPool | None) -> None:
    marker = f"31.{os.getpid()}{len(detach)}"
    program = f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], {detach})\nprint('spawned')\n"
    report = run_script(program, limits=LIMITS, pool=pool)
    assert report.status is Status.PASSED and "spawned" in report.stdout
    time.sleep(0.2)
    assert _processes_with(marker) == []


def test_double_forked_daemon_is_killed(pool: WarmPool | None) -> None:
    marker = f"32.{os.getpid()}"
    program = (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execvp('sleep', ['sleep', '{marker}'])\n"
        "    os._exit(0)\n"
        "time.sleep(0.2)\nprint('parent done')\n"
    )
    report = run_script(program, limits=LIMITS, pool=pool)
    assert report.status is Status.PASSED
    time.sleep(0.2)
    assert _processes_with(marker) == []


def test_printing_fake_results_or_exiting_early_cannot_pass_tests(pool: WarmPool | None) -> None:
    suite = CallSuite(fn_name="add", cases=(CallCase((1, 2), 3), CallCase((2, 2), 4)))
    forgeries = [
        "print('{\"event\": \"case\", \"i\": 0, \"status\": \"returned\", \"value\": 3}')\ndef add(a, b):\n    return 0\n",
        "import os\ndef add(a, b):\n    os._exit(0)\n",
        "import sys\nsys.exit(0)\n",
    ]
    for program in forgeries:
        report = run_tests(program, suite, LIMITS, pool)
        assert not report.function_passed, program
        assert report.passed == 0


def test_isolation_is_reported(pool: WarmPool | None) -> None:
    report = run_script("print(1)", limits=LIMITS, pool=pool)
    info = report.isolation
    assert info["backend"] == ("warm" if pool else "spawn")
    assert info["method"] in ("unshare", "none")
    assert info["network"] in ("namespace", "guard")
    assert info["process_limit"] in ("pids-cgroup", "rlimit-nproc", "none")


def test_fallback_without_namespaces_still_guards_network_and_time() -> None:
    """Forced fallback (as on machines without unshare): a clear warning, a network guard, limits."""
    import json
    import subprocess
    import sys

    script = (
        "import json\n"
        "from realcode.execution.limits import Limits\n"
        "from realcode.execution.runners import run_script\n"
        "lim = Limits(wall_s=2.0, memory_mb=512)\n"
        "net = run_script(\"import socket\\nsocket.create_connection(('1.1.1.1', 80), timeout=1)\", limits=lim)\n"
        "loop = run_script('while True: pass', limits=lim)\n"
        "print(json.dumps([net.status.value, net.detail, loop.status.value, net.isolation]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "REALCODE_SANDBOX": "none"})
    net_status, net_detail, loop_status, isolation = json.loads(done.stdout.strip().splitlines()[-1])
    assert isolation["method"] == "none" and isolation["network"] == "guard"
    assert any("REALCODE_SANDBOX=none" in w and "plain child process" in w for w in isolation["warnings"])
    assert "NOT sandboxed" in done.stderr  # loud, on every run
    assert net_status == "crash" and "disabled in the realcode sandbox" in net_detail
    assert loop_status == "timeout"


def test_a_warm_worker_shares_its_empty_network_only_with_runs_that_cannot_change_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs that drop to an unprivileged uid share the worker's network namespace (never the
    host's); a run that keeps its privileges could reconfigure a shared one for the runs after
    it, so it gets its own."""
    import dataclasses

    import realcode.execution.sandbox as sandbox

    real = detect_isolation()
    if real.network != "namespace":
        pytest.skip("no network namespaces here")
    program = "import os\nprint(os.readlink('/proc/self/ns/net'))\n"
    host = os.readlink("/proc/self/ns/net")
    with WarmPool(1) as warm:
        if real.drop_uid:
            shared = {sandbox.run_program(program, pool=warm).stdout.strip() for _ in range(2)}
            assert len(shared) == 1 and host not in shared
        monkeypatch.setattr(sandbox, "detect_isolation", lambda: dataclasses.replace(real, drop_uid=False))
        own = [sandbox.run_program(program, pool=warm).stdout.strip() for _ in range(2)]
    assert len(set(own)) == 2 and host not in own and all(n.startswith("net:[") for n in own)


def test_a_runs_processes_share_one_memory_budget() -> None:
    """RLIMIT_AS bounds each process; the worker's memory cgroup bounds the run: four children of
    300 MB each do not all survive a 512 MB run (budget 512 + its folders' 16 + 3 x 64 + 64 MB)."""
    from realcode.execution.cgroups import worker_cgroup_bases

    if worker_cgroup_bases()[1] is None:
        pytest.skip("no writable memory cgroup here")
    program = (
        "import os, time\n"
        "children = []\n"
        "for _ in range(4):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        block = bytearray(300 * 1024 * 1024)\n"
        "        for i in range(0, len(block), 4096):\n"
        "            block[i] = 1\n"
        "        time.sleep(1.0)\n"
        "        os._exit(0)\n"
        "    children.append(pid)\n"
        "alive = sum(os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) == 0 for p in children)\n"
        "print('survived', alive)\n")
    limits = Limits(wall_s=20.0, memory_mb=512, workdir_mb=16, max_processes=32)
    with WarmPool(1) as pool:
        report = run_script(program, limits=limits, pool=pool)
    assert "survived" in report.stdout, (report.status, report.stderr[-500:])
    assert int(report.stdout.split("survived")[1].split()[0]) < 4


def test_each_warm_worker_has_its_own_cpu_share() -> None:
    """However many sessions a run's processes start, they share their worker's one CPU share."""
    from realcode.execution.cgroups import worker_cgroup_bases

    if worker_cgroup_bases()[0] is None:
        pytest.skip("no writable cgroup-v1 cpu controller here")
    probe = "print([l for l in open('/proc/self/cgroup').read().splitlines() if ':cpu:' in l])\n"
    with WarmPool(1) as pool:
        report = run_script(probe, limits=LIMITS, pool=pool)
        paths = list(pool._all[0].cgroups.paths)
    assert report.status is Status.PASSED
    assert any(os.path.basename(p) in report.stdout for p in paths), (report.stdout, paths)
    assert not any(os.path.exists(p) for p in paths)  # removed with the pool


PLANT = (
    "import os\n"
    "for path in ['/planted', '/usr/planted', '/dev/planted', '/proc/planted', '/etc/planted']:\n"
    "    try:\n"
    "        open(path, 'w').write('x')\n"
    "        print('wrote', path)\n"
    "    except OSError:\n"
    "        print('refused', path)\n"
    "for path in ['/tmp/planted', os.path.join(os.getcwd(), 'planted')]:\n"
    "    open(path, 'w').write('x')\n"
    "print('cwd', os.getcwd())\n"
)
LOOK = (
    "import os\n"
    "print('root', sorted(os.listdir('/')))\n"
    "print('beside', sorted(os.listdir(os.path.dirname(os.getcwd()))))\n"
    "print('found', [p for p in ['/planted', '/tmp/planted', '/usr/planted', '/dev/planted'] if os.path.exists(p)])\n"
)


@pytest.mark.parametrize("scratch_inside_temp", [True, False])
def test_a_warm_workers_prebuilt_root_keeps_nothing_from_one_run_to_the_next(
        scratch_inside_temp: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of one warm worker share its read-only root (built once): none can write to it, and
    none sees what an earlier one did, also when run directories are made inside that root (a
    scratch folder outside the private temp dirs)."""
    from realcode import scratch

    isolation = detect_isolation()
    if not (isolation.private_tmp and isolation.drop_uid):
        pytest.skip("runs keep their privileges here: each builds its own root")
    # tmp_path lies in /tmp, which runs get privately: the other case needs a folder elsewhere.
    outside = None if scratch_inside_temp else tempfile.mkdtemp(
        prefix=".scratch-test-", dir=Path(__file__).resolve().parents[1])
    if outside is not None:
        monkeypatch.setenv("REALCODE_SCRATCH", outside)
    scratch.scratch_dir.cache_clear()
    try:
        with WarmPool(1) as warm:
            first = run_script(PLANT, limits=LIMITS, pool=warm)
            second = run_script(LOOK, limits=LIMITS, pool=warm)
            worker = warm._all[0]
            assert worker.root_dir is not None
            mounts = Path(f"/proc/{worker.process.pid}/mountinfo").read_text()
            assert f" {worker.root_dir} " in mounts  # the runs above did use the prebuilt root
        assert first.status is Status.PASSED and second.status is Status.PASSED, (first.detail, second.detail)
        assert "wrote" not in first.stdout and first.stdout.count("refused") == 5
        first_dir = os.path.basename(first.stdout.split("cwd ")[1].strip())
        assert first_dir not in second.stdout
        assert "found []" in second.stdout
        assert not os.path.exists(worker.root_dir)  # its mount point is gone with the pool
    finally:
        scratch.scratch_dir.cache_clear()
        if outside is not None:
            shutil.rmtree(outside, ignore_errors=True)
