"""Where the parent keeps short-lived files, and that runs never see the others kept there."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from realcode import scratch
from realcode.execution.isolation import detect_isolation
from realcode.execution.limits import Limits
from realcode.execution.report import Status
from realcode.execution.runners import run_script
from realcode.scratch import scratch_dir


@pytest.fixture
def fresh_choice() -> Iterator[None]:
    scratch.scratch_dir.cache_clear()
    yield
    scratch.scratch_dir.cache_clear()


def test_a_named_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_choice: None) -> None:
    monkeypatch.setenv("REALCODE_SCRATCH", str(tmp_path / "runs"))
    assert scratch_dir() == str(tmp_path / "runs")
    assert (tmp_path / "runs").is_dir()


def test_only_a_roomy_memory_file_system_replaces_the_temporary_directory(
        monkeypatch: pytest.MonkeyPatch, fresh_choice: None) -> None:
    monkeypatch.delenv("REALCODE_SCRATCH", raising=False)
    assert not scratch._roomy_tmpfs(os.path.dirname(__file__))  # a source folder: not a tmpfs
    assert not scratch._roomy_tmpfs("/nonexistent-realcode-folder")
    chosen = scratch_dir()
    assert chosen == tempfile.gettempdir() or scratch._filesystem_type(chosen) == "tmpfs"


def test_a_run_sees_neither_the_scratch_folder_nor_another_runs_files(tmp_path: Path) -> None:
    if not detect_isolation().private_tmp:
        pytest.skip("no private file system here: runs see the host's")
    other = tempfile.mkdtemp(prefix="realcode-run-", dir=scratch_dir())
    try:
        Path(other, "solution.py").write_text("SECRET = 'another-sample-answer'\n")
        program = (
            "import os\n"
            f"print(sorted(os.listdir(os.path.dirname(os.getcwd()))))\n"
            f"try:\n    print(open({other + '/solution.py'!r}).read())\n"
            "except OSError as exc:\n    print('denied', type(exc).__name__)\n")
        report = run_script(program, limits=Limits(wall_s=5.0))
        assert report.status is Status.PASSED, report.detail
        assert "another-sample-answer" not in report.stdout
        assert os.path.basename(other) not in report.stdout
        assert "denied" in report.stdout
    finally:
        for name in os.listdir(other):
            os.unlink(os.path.join(other, name))
        os.rmdir(other)
