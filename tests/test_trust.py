"""Runs a researcher can trust: configuration headers and resume, locks, deduplication, default
output names, checked completions, cache fingerprints and corrupted caches, isolation on the console."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.cli import main
from realcode.evaluation import CompletionsError, read_completions
from realcode.evaluation.results import ResultsLocked, locked_append, read_results_file
from realcode.scoring.cache import ScoreCache, score_key, verdict_fingerprint

TASKS = starter_tasks()


def _eval(tmp_path: Path, *extra: str) -> list[str]:
    return ["eval", "--benchmark", "starter", "--limit", "3", "--no-progress", "--case-timeout", "2", *extra]


def test_resume_refuses_another_configuration_or_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run.jsonl"
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out), "--json")) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out), "--quality-analyzers", "mypy")) == 2
    err = capsys.readouterr().err
    assert "quality_analyzers" in err and "choose another --out" in err and err.count("\n") == 1
    assert main(_eval(tmp_path, "--solutions", "flawed", "--out", str(out))) == 2
    assert "holds results of solutions reference" in capsys.readouterr().err
    # the same configuration resumes: nothing re-scored, same numbers
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out), "--json")) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["resumed"] == 3 and again["function"] == first["function"]
    header = json.loads(out.read_text().splitlines()[0])
    assert header["kind"] == "realcode-results" and header["config_hash"] == first["config_hash"]
    provenance = header["provenance"]
    assert provenance["config"]["quality_analyzers"] == ["security", "mypy"]
    assert provenance["isolation"]["method"] in ("unshare", "none") and provenance["date"]
    assert all(json.loads(line)["config"] == first["config_hash"] for line in out.read_text().splitlines()[1:])


def test_default_output_names_keep_models_and_configurations_apart(tmp_path: Path, monkeypatch: Any,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for model in ("model-a", "model-b"):
        (tmp_path / model).mkdir()
        (tmp_path / model / "completions.jsonl").write_text(
            json.dumps({"task_id": TASKS[0].id, "completion": f"```python\n{TASKS[0].solutions['reference']}```"}) + "\n")
        assert main(_eval(tmp_path, "--completions", f"{model}/completions.jsonl", "--json")) == 0
    assert main(_eval(tmp_path, "--completions", "model-a/completions.jsonl", "--quality-analyzers", "mypy")) == 0
    names = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert len(names) == 3 and all(n.startswith("starter-test-model-") for n in names)
    assert len({n.rsplit("-", 1)[1] for n in names}) == 2  # two configurations
    capsys.readouterr()


def _hold(path: str, seconds: float) -> None:
    with locked_append(path):
        time.sleep(seconds)


def test_a_results_file_is_locked_while_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run.jsonl"
    holder = multiprocessing.get_context("fork").Process(target=_hold, args=(str(out), 5.0))
    holder.start()
    try:
        for _ in range(100):
            try:
                with locked_append(out):
                    pass
            except ResultsLocked:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the other process never took the lock")
        assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out))) == 2
        assert "being written by another realcode process" in capsys.readouterr().err
    finally:
        holder.join()


def test_report_and_eval_count_the_same_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run.jsonl"
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out), "--json")) == 0
    capsys.readouterr()
    lines = out.read_text().splitlines()
    out.write_text("\n".join([*lines, *lines[1:]]) + "\n")  # every sample appended twice (old concurrent writers)
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out), "--json")) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["samples"] == 3 and "3 duplicate sample record(s)" in captured.err
    assert len(read_results_file(out).records) == 3
    from realcode.reports import load_inputs

    runs, _ = load_inputs([str(out)])
    assert runs[0].summary["samples"] == 3


def test_completions_are_checked_not_guessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text("".join(json.dumps({"task_id": t.id, "output": t.solutions["reference"]}) + "\n"
                             for t in TASKS[:3]))
    with pytest.raises(CompletionsError, match="no line has a 'completion' field; its lines have 'output'"):
        read_completions(other, TASKS)
    assert len(read_completions(other, TASKS, completion_key="output").samples) == 3
    assert main(_eval(tmp_path, "--completions", str(other), "--out", str(tmp_path / "r.jsonl"))) == 2
    assert "--completion-key" in capsys.readouterr().err
    assert main(_eval(tmp_path, "--completions", str(other), "--completion-key", "output", "--json",
                      "--out", str(tmp_path / "r.jsonl"))) == 0
    assert json.loads(capsys.readouterr().out)["function"] == 1.0
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"task_id": "no-such-task", "completion": "x = 1"}) + "\n"
                     + json.dumps({"task_id": TASKS[0].id, "completion": "x = 1", "temperature": 0.2,
                                   "logprobs": []}) + "\n")
    problems = read_completions(mixed, TASKS).problems
    assert any("'no-such-task'" in p for p in problems) and any("'logprobs'" in p for p in problems)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(CompletionsError, match="empty"):
        read_completions(empty, TASKS)


def test_commands_that_read_results_refuse_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    completions = tmp_path / "completions.jsonl"
    completions.write_text(json.dumps({"task_id": TASKS[0].id, "completion": "x = 1"}) + "\n")
    for argv in (["report", str(completions), "--out", str(tmp_path / "rep")],
                 ["select", str(completions), "--out", str(tmp_path / "t.txt")],
                 ["pairs", str(completions), "--benchmark", "starter", "--out", str(tmp_path / "p.jsonl")]):
        assert main(argv) == 2, argv
        assert "not a realcode results file" in capsys.readouterr().err or argv[0] == "report"
    out = tmp_path / "run.jsonl"
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(out))) == 0
    capsys.readouterr()
    assert main(["pairs", str(out), "--benchmark", "safesql", "--data", "/nonexistent",
                 "--out", str(tmp_path / "p.jsonl")]) == 2
    capsys.readouterr()


def test_pairs_with_the_wrong_benchmark_names_the_tasks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: Any) -> None:
    from realcode.cli import UsageError, _check_task_ids

    with pytest.raises(UsageError, match=r"no task of the results is in benchmark 'safesql'.*sql-find-user"):
        _check_task_ids({"sql-find-user"}, {"other"}, "safesql")
    _check_task_ids({"sql-find-user", "gone"}, {"sql-find-user"}, "starter")
    assert "'starter': gone" in capsys.readouterr().err


def test_cache_keys_carry_the_verdict_fingerprint(monkeypatch: Any) -> None:
    from realcode.execution.limits import Limits

    def key() -> str:
        return score_key(TASKS[0], "x = 1\n", ["mypy"], ["1.0"], ["mypy"], Limits(), True)

    before = key()
    assert len(verdict_fingerprint()) == 16
    monkeypatch.setattr("realcode.scoring.cache.verdict_fingerprint", lambda: "another-commit")
    assert key() != before  # same realcode version string, other rules: other key


def test_corrupted_cache_is_one_line_and_rebuilt_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "scores.db"
    cache.write_bytes(b"this is not a database" * 100)
    argv = _eval(tmp_path, "--solutions", "reference", "--cache", str(cache), "--out", str(tmp_path / "r.jsonl"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--rebuild-cache" in err and "Traceback" not in err
    assert main([*argv, "--rebuild-cache"]) == 0
    assert "removed the score cache" in capsys.readouterr().err
    assert len(ScoreCache(cache)) == 3
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT COUNT(*) FROM scores").fetchone() == (3,)


def test_console_summary_names_the_isolation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_eval(tmp_path, "--solutions", "reference", "--out", str(tmp_path / "r.jsonl"))) == 0
    out = capsys.readouterr().out
    assert "isolation: " in out and "configuration: " in out


def test_unsandboxed_fallback_is_loud_every_time(capfd: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    from realcode.execution import isolation

    monkeypatch.setenv("REALCODE_SANDBOX", "none")
    for _ in range(2):  # each process detects once; a new detection warns again
        isolation.detect_isolation.cache_clear()
        assert isolation.detect_isolation().method == "none"
        assert "WARNING: generated code is NOT sandboxed" in capfd.readouterr().err
    isolation.detect_isolation.cache_clear()
    monkeypatch.delenv("REALCODE_SANDBOX")
    isolation.detect_isolation()
