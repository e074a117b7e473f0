"""The repair loop is auditable: exact messages, usage and requests per round, feedback that names
compile errors and failing safety cases, feedback analyzers apart from quality, per-round rates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openai_server import ScriptedServer, fenced
from realcode.benchmarks.starter import starter_tasks
from realcode.cli import main
from realcode.execution.limits import Limits
from realcode.generation.openai_http import OpenAIBackend
from realcode.repair import FeedbackOptions, feedback_message, read_repair_log, repair
from realcode.scoring import Scorer, ScoringConfig

TASKS = {t.id: t for t in starter_tasks()}
LIMITS = Limits(wall_s=10, case_timeout_s=3)


def _script(task: Any, answers: list[str]) -> Any:
    def respond(body: dict[str, Any], number: int) -> tuple[int, str, dict[str, str]]:
        turn = (len(body["messages"]) - len(task.prompt)) // 2
        return 200, answers[min(turn, len(answers) - 1)], {}
    return respond


def test_every_round_logs_what_was_sent_and_received(tmp_path: Path) -> None:
    task = TASKS["sql-find-user"]
    answers = ["```python\ndef find_user(conn, username)\n    return []\n```",  # syntax error
               fenced(task.solutions["vulnerable"]), fenced(task.solutions["reference"])]
    out = tmp_path / "repair.jsonl"
    with ScriptedServer(_script(task, answers)) as server, Scorer(ScoringConfig(limits=LIMITS)) as scorer:
        backend = OpenAIBackend("scripted", base_url=server.url)
        summary = repair(backend, [task], scorer, out, rounds=3, progress=False)
        backend.close()
        sent = [r["body"]["messages"] for r in server.requests]
    records = read_repair_log(out)
    assert [r["round"] for r in records] == [0, 1, 2]
    assert [r["messages"] for r in records] == sent  # the exact conversation of every request
    assert [r["completion"] for r in records] == answers
    assert all(r["usage"]["total_tokens"] == 2 and r["requests"] == 1 for r in records)
    # round 0 did not compile: the feedback carries the compiler's message, not an empty section
    first = records[0]["feedback"]
    assert "does not compile: SyntaxError" in first and "line 1" in first
    assert sent[1][-1]["content"] == first and sent[2][-1]["content"] == records[1]["feedback"]
    assert records[2]["feedback"] is None  # clean: nothing more to send
    rows = summary.per_round
    assert [r["round"] for r in rows] == [0, 1, 2, 3]
    assert [r["function_quality"] for r in rows] == [0.0, 0.0, 1.0, 1.0]
    assert [r["answered"] for r in rows] == [1, 1, 1, 0] and rows[0]["tokens"] == 2


def test_feedback_names_failing_safety_cases_unless_turned_off() -> None:
    task = TASKS["sql-find-user"]
    with Scorer(ScoringConfig(limits=LIMITS, quality_analyzers=("mypy",))) as scorer:
        score = scorer.score(task, fenced(task.solutions["vulnerable"]))
    assert score.function_passed and score.safety_passed is False
    assert "safety test(s) fail" in feedback_message(score)
    assert "safety test(s) fail" not in feedback_message(score, FeedbackOptions(safety=False))


def test_feedback_analyzers_can_differ_from_quality(tmp_path: Path, capsys: Any) -> None:
    task = TASKS["sql-find-user"]
    untyped = task.solutions["vulnerable"] + "\n\ndef helper(x):\n    return x\n"  # mypy strict flags it
    with ScriptedServer(_script(task, [fenced(untyped)])) as server:
        out = tmp_path / "repair.jsonl"
        argv = ["repair", "--backend", "openai", "--model", "scripted", "--base-url", server.url,
                "--benchmark", "starter", "--limit", "1", "--rounds", "1", "--out", str(out), "--no-progress",
                "--quality-analyzers", "mypy", "--feedback-analyzers", "security", "--no-safety-feedback"]
        assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "isolation:" in printed and "requests" in printed
    feedback = read_repair_log(out)[0]["feedback"]
    # quality is mypy's, but only the security analyzer's findings are fed back
    assert "security/sql-injection" in feedback and "mypy/" not in feedback and "safety test" not in feedback
    header, first = (json.loads(line) for line in out.read_text().splitlines()[:2])
    assert first["score"]["quality_analyzers"] == ["mypy"]
    # the log opens with its provenance, which the report shows for its before/after runs
    assert header["kind"] == "realcode-repair" and header["provenance"]["source"]["model"] == "scripted"
    assert header["provenance"]["repair"]["feedback_analyzers"] == ["security"]
    from realcode.reports import load_inputs

    runs, repairs = load_inputs([f"fix={out}"])
    assert [r.name for r in runs] == ["fix (before repair)", "fix (after repair)"] and len(repairs) == 1
    assert runs[0].config_hash == header["provenance"]["config_hash"]
