"""Generation through the real HTTP client against scripted local servers, the repair loop, and
the transformers backend on the tiny model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_server import ScriptedServer, fenced
from realcode.benchmarks.starter import starter_tasks
from realcode.cli import main
from realcode.execution.limits import Limits
from realcode.generation import SamplingParams, generate_completions
from realcode.generation.openai_http import OpenAIBackend
from realcode.repair import feedback_message, read_repair_log, repair
from realcode.scoring import Scorer, ScoringConfig

TASKS = {t.id: t for t in starter_tasks()}


def _task_of(body: dict[str, Any]) -> Any:
    first = body["messages"][0]["content"]
    return next(t for t in TASKS.values() if t.prompt[0]["content"] == first)


def _reference_server(body: dict[str, Any], number: int) -> tuple[int, str, dict[str, str]]:
    return 200, fenced(_task_of(body).solutions["reference"]), {}


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_generate_writes_completions_that_eval_reads_and_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
    out = tmp_path / "completions.jsonl"
    with ScriptedServer(_reference_server) as server:
        argv = ["generate", "--backend", "openai", "--model", "scripted", "--base-url", server.url,
                "--benchmark", "starter", "--limit", "3", "-n", "2", "--temperature", "0.5", "--out", str(out),
                "--no-progress"]
        assert main(argv) == 0
        assert len(server.requests) == 6
        assert server.requests[0]["auth"] == "Bearer sk-test-key"
        body = server.requests[0]["body"]
        assert body["model"] == "scripted" and body["temperature"] == 0.5 and body["messages"][0]["role"] == "user"
        lines = _lines(out)
        assert sorted((r["task_id"], r["sample_index"]) for r in lines) == sorted(
            (t.id, i) for t in starter_tasks()[:3] for i in range(2))
        # Resume: nothing new to do; then one line lost, one request made.
        assert main(argv) == 0 and len(server.requests) == 6
        out.write_text("\n".join(json.dumps(r) for r in lines[:-1]) + "\n{\"task_id\": \"half-writ")
        assert main(argv) == 0 and len(server.requests) == 7
    capsys.readouterr()
    assert main(["eval", "--benchmark", "starter", "--limit", "3", "--completions", str(out),
                 "--out", str(tmp_path / "results.jsonl"), "--json", "--no-progress"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["samples"] == 6 and summary["function"] == 1.0 and summary["function_quality"] == 1.0


def test_client_retries_through_failures_and_recovers() -> None:
    def flaky(body: dict[str, Any], number: int) -> tuple[int, str, dict[str, str]]:
        if number == 1:
            return 0, "", {}  # connection dropped
        if number <= 3:
            return 503, "overloaded", {"Retry-After": "0"}
        if number == 4:
            return 429, "slow down", {}
        return 200, fenced("print('ok')"), {}

    with ScriptedServer(flaky) as server:
        backend = OpenAIBackend("scripted", base_url=server.url, concurrency=1, max_retries=6, backoff_s=0.01)
        result = backend.generate([TASKS["sql-find-user"].prompt], 1, SamplingParams())
        backend.close()
    assert result[0][0].text is not None and "print('ok')" in result[0][0].text
    assert result[0][0].meta["attempts"] == 5 and backend.retries_made == 4


def test_a_server_that_stays_down_fails_samples_without_losing_others(tmp_path: Path) -> None:
    def half_down(body: dict[str, Any], number: int) -> tuple[int, str, dict[str, str]]:
        if _task_of(body).id == "sql-search-products":
            return 500, "broken", {}
        return 200, fenced(_task_of(body).solutions["reference"]), {}

    out = tmp_path / "c.jsonl"
    with ScriptedServer(half_down) as server:
        backend = OpenAIBackend("scripted", base_url=server.url, max_retries=2, backoff_s=0.01)
        summary = generate_completions(backend, starter_tasks()[:3], out, n=1, progress=False)
        backend.close()
        assert summary.written == 2 and summary.failed == 1 and "HTTP 500" in summary.errors[0]
        assert {r["task_id"] for r in _lines(out)} == {"sql-find-user", "sql-sort-column"}
        assert len(server.requests) == 2 + 3  # the failing one: first try and two retries


def test_unreachable_server_is_a_failed_sample_not_a_crash() -> None:
    backend = OpenAIBackend("nobody", base_url="http://127.0.0.1:9/v1", max_retries=1, backoff_s=0.01, timeout_s=2)
    result = backend.generate([TASKS["sql-find-user"].prompt], 2, SamplingParams())
    backend.close()
    assert [c.text for c in result[0]] == [None, None] and "ConnectError" in (result[0][0].error or "")


def _repairing_server(asked: list[str]) -> Any:
    """Answers the vulnerable program until the feedback names the weakness (its CWE)."""
    def respond(body: dict[str, Any], number: int) -> tuple[int, str, dict[str, str]]:
        task = _task_of(body)
        last = body["messages"][-1]["content"]
        asked.append(last)
        if len(body["messages"]) > 1 and f"CWE-{task.cwe}" in last:
            return 200, fenced(task.solutions["reference"]), {}
        return 200, fenced(task.solutions["vulnerable"]), {}
    return respond


def test_repair_loop_stops_after_the_round_that_fixes_it(tmp_path: Path) -> None:
    asked: list[str] = []
    out = tmp_path / "repair.jsonl"
    task = TASKS["sql-find-user"]
    with ScriptedServer(_repairing_server(asked)) as server, \
            Scorer(ScoringConfig(limits=Limits(wall_s=10, case_timeout_s=3))) as scorer:
        backend = OpenAIBackend("scripted", base_url=server.url)
        summary = repair(backend, [task], scorer, out, rounds=3, progress=False)
        backend.close()
    assert len(asked) == 2  # first answer, one repair round, then it stopped
    feedback = asked[1]
    assert "security/sql-injection (CWE-89)" in feedback and "path:" in feedback and "line " in feedback
    records = read_repair_log(out)
    assert [r["round"] for r in records] == [0, 1] and [r["clean"] for r in records] == [False, True]
    assert summary.before["function_quality"] == 0.0 and summary.after["function_quality"] == 1.0
    assert summary.before["function"] == 1.0 and summary.before["quality"] == 0.0
    assert summary.fixed_per_round == {"1": 1, "2": 0, "3": 0} and summary.still_failing == 0


def test_repair_cli_json_and_report_show_the_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[str] = []
    out = tmp_path / "repair.jsonl"
    with ScriptedServer(_repairing_server(asked)) as server:
        argv = ["repair", "--backend", "openai", "--model", "scripted", "--base-url", server.url,
                "--benchmark", "starter", "--limit", "3", "--rounds", "2", "--out", str(out), "--json",
                "--no-progress"]
        assert main(argv) == 0
        summary = json.loads(capsys.readouterr().out)
        requests = len(asked)
        assert main(argv) == 0  # a finished run resumes to nothing
        assert len(asked) == requests
    capsys.readouterr()
    assert set(summary) >= {"before", "after", "fixed_per_round"}
    for side in ("before", "after"):
        assert set(summary[side]) >= {"function", "quality", "function_quality"}
    assert summary["before"]["function_quality"] == 0.0 and summary["after"]["function_quality"] == 1.0
    assert summary["fixed_per_round"]["1"] == 3
    report_dir = tmp_path / "report"
    assert main(["report", f"scripted={out}", "--out", str(report_dir)]) == 0
    markdown = (report_dir / "report.md").read_text()
    assert "scripted (before repair)" in markdown and "scripted (after repair)" in markdown
    assert "| Function & quality | 0.000 | 1.000 |" in markdown
    assert (report_dir / "repair_funnel.png").stat().st_size > 5000


def test_feedback_for_missing_code_and_failing_tests() -> None:
    task = TASKS["sql-find-user"]
    with Scorer(ScoringConfig(limits=Limits(wall_s=10, case_timeout_s=3))) as scorer:
        nothing, wrong = scorer.score_many([task, task], [
            "I cannot help.", fenced("def find_user(conn, username):\n    return []\n")])
    assert "no Python program" in feedback_message(nothing)
    message = feedback_message(wrong)
    assert "functional test(s) fail" in message and "test 0" in message


def test_transformers_backend_on_the_tiny_model(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from realcode.generation.local import TransformersBackend
    from realcode.tiny_model import write_tiny_model

    path = write_tiny_model(tmp_path / "tiny")
    backend = TransformersBackend(str(path), batch_size=2)
    prompts = [t.prompt for t in starter_tasks()[:3]]
    out = backend.generate(prompts, 2, SamplingParams(max_tokens=12, seed=1))
    assert [len(samples) for samples in out] == [2, 2, 2]
    assert all(isinstance(c.text, str) for samples in out for c in samples)
    summary = generate_completions(backend, starter_tasks()[:2], tmp_path / "gen.jsonl", n=1,
                                   params=SamplingParams(max_tokens=8), progress=False)
    assert summary.written == 2 and _lines(tmp_path / "gen.jsonl")[0]["backend"] == "transformers"
