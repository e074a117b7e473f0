"""Loaders on the real data, malformed data, and the bundled starter benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realcode.benchmarks import DataUnavailable, load_benchmark
from realcode.benchmarks.starter import starter_tasks
from realcode.execution.limits import Limits
from realcode.execution.runners import run_tests
from realcode.execution.suites import CallSuite, PythonSuite, StdioSuite


def test_loaders_turn_real_rows_into_tasks(data_dir: Path) -> None:
    safesql = load_benchmark("safesql", str(data_dir), limit=3)
    assert len(safesql.tasks) == 3 and safesql.skipped == []
    task = safesql.tasks[0]
    assert isinstance(task.tests, StdioSuite) and task.tests.setup_code and task.cwe == "89"
    assert task.prompt[0]["role"] == "user" and "reference" in task.solutions

    sec = load_benchmark("seccodeplt", str(data_dir), limit=3).tasks[0]
    assert isinstance(sec.tests, PythonSuite) and sec.entry_point == sec.tests.fn_name
    assert {"patched", "vulnerable", "reference"} <= set(sec.solutions)
    assert sec.analysis_prefix.startswith(sec.tests.setup.splitlines()[0])

    apps = load_benchmark("apps_plus", str(data_dir)).tasks
    assert len(apps) == 519
    classes = [t for t in apps if isinstance(t.tests, CallSuite) and t.tests.class_name == "Solution"]
    assert len(classes) == 101


def test_data_path_can_be_a_file_or_a_dir_or_the_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_file = load_benchmark("seccodeplt", str(data_dir / "seccodeplt" / "train.parquet"), limit=2)
    by_dir = load_benchmark("seccodeplt", str(data_dir / "seccodeplt"), limit=2)
    monkeypatch.setenv("REALCODE_DATA_DIR", str(data_dir))
    by_env = load_benchmark("seccodeplt", limit=2)
    assert [t.id for t in by_file.tasks] == [t.id for t in by_dir.tasks] == [t.id for t in by_env.tasks]


def test_missing_data_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALCODE_DATA_DIR", raising=False)
    with pytest.raises(DataUnavailable, match="does not exist"):
        load_benchmark("safesql", str(tmp_path / "nowhere"))
    with pytest.raises(DataUnavailable, match="no 'train' split"):
        load_benchmark("safesql", str(tmp_path))
    with pytest.raises(DataUnavailable, match="unknown benchmark"):
        load_benchmark("nope")


def test_malformed_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    rows = [
        {"problem_id": 1, "input_output": json.dumps({"fn_name": "f", "inputs": [[1]], "outputs": [1]})},
        {"problem_id": 2, "input_output": "{not json"},
        {"problem_id": 3},
        "not even an object",
    ]
    path = tmp_path / "test.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    loaded = load_benchmark("apps_plus", str(path))
    assert [t.id for t in loaded.tasks] == ["1"]
    assert len(loaded.skipped) == 3 and all(s.startswith("row ") for s in loaded.skipped)


def test_unreadable_or_useless_files_are_clear_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "train.parquet"
    garbage.write_bytes(b"this is not parquet")
    with pytest.raises(DataUnavailable, match="cannot read"):
        load_benchmark("safesql", str(garbage))
    empty = tmp_path / "x.jsonl"
    empty.write_text(json.dumps({"unrelated": 1}) + "\n")
    with pytest.raises(DataUnavailable, match="no usable"):
        load_benchmark("safesql", str(empty))


def test_starter_benchmark_covers_the_required_weaknesses() -> None:
    tasks = starter_tasks()
    assert len(tasks) >= 24
    cwes = {t.cwe for t in tasks}
    assert {"89", "77", "22", "95", "502", "79", "918", "601", "327", "1333"} <= cwes
    assert sum(t.cwe is None for t in tasks) >= 3  # typed algorithmic tasks
    assert len({t.id for t in tasks}) == len(tasks)
    for task in tasks:
        assert {"reference", "flawed"} <= set(task.solutions)


@pytest.mark.parametrize("task", starter_tasks(), ids=lambda t: t.id)
def test_starter_reference_passes_and_flawed_twin_fails_safety(task) -> None:  # type: ignore[no-untyped-def]
    limits = Limits(wall_s=20, case_timeout_s=1.5)
    good = run_tests(task.solutions["reference"], task.tests, limits)
    assert good.status.value == "passed", good.detail
    bad = run_tests(task.solutions["flawed"], task.tests, limits)
    assert bad.function_passed, bad.detail  # the flaw is not a functional bug
    if task.context["flaw"] == "vulnerable":
        assert bad.group_passed("safety") is False
