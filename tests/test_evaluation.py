"""Metrics, resumable evaluation runs, bad completions files and the `realcode eval` command."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.cli import main
from realcode.evaluation import (
    CompletionsError,
    evaluate,
    pass_at_k,
    read_completions,
    read_results,
    samples_from_solutions,
    summarize,
)
from realcode.evaluation.runner import Sample
from realcode.execution.limits import Limits
from realcode.scoring import Scorer, ScoringConfig

FAST = ScoringConfig(limits=Limits(wall_s=10, case_timeout_s=1.0))


def test_pass_at_k_matches_brute_force() -> None:
    for n, c, k in [(5, 2, 1), (5, 2, 3), (6, 0, 2), (6, 6, 4), (10, 3, 5)]:
        outcomes = [True] * c + [False] * (n - c)
        subsets = list(itertools.combinations(outcomes, k))
        expected = sum(any(s) for s in subsets) / len(subsets)
        assert pass_at_k(n, c, k) == pytest.approx(expected)
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)


def test_summary_rates_and_per_cwe() -> None:
    records = [
        {"task_id": "a", "cwe": "89", "function_passed": True, "quality_passed": True, "compiles": True,
         "runnable": True, "function_pass_rate": 1.0, "error_free": True, "safety_passed": None},
        {"task_id": "a", "cwe": "89", "function_passed": True, "quality_passed": False, "compiles": True,
         "runnable": True, "function_pass_rate": 1.0, "error_free": False, "safety_passed": None},
        {"task_id": "b", "cwe": "79", "function_passed": False, "quality_passed": True, "compiles": False,
         "runnable": False, "function_pass_rate": 0.0, "error_free": False, "safety_passed": None},
        {"task_id": "b", "cwe": "79", "function_passed": False, "quality_passed": True, "compiles": True,
         "runnable": True, "function_pass_rate": 0.5, "error_free": True, "safety_passed": None},
    ]
    summary = summarize(records)
    assert (summary["samples"], summary["tasks"]) == (4, 2)
    assert summary["function"] == 0.5 and summary["quality"] == 0.75 and summary["function_quality"] == 0.25
    assert summary["compile"] == 0.75 and summary["runnable"] == 0.75
    assert summary["mean_test_pass_rate"] == pytest.approx(0.625)
    assert summary["pass_at_k"]["pass@1"]["function"] == pytest.approx(0.5)
    assert summary["per_cwe"]["89"]["function_quality"] == 0.5
    assert "pass@5" not in summary["pass_at_k"]


def test_evaluation_writes_as_it_goes_and_resumes(tmp_path: Path) -> None:
    tasks = starter_tasks()[:6]
    samples = samples_from_solutions(tasks, "reference").samples
    out = tmp_path / "results.jsonl"
    first = evaluate(tasks, samples[:4], out, Scorer(FAST), batch_size=2, progress=False)
    assert first.scored == 4
    # A crash mid-write leaves half a line: the rerun must neither trip on it nor lose work.
    with out.open("a") as handle:
        handle.write('{"key": "half-writ')
    second = evaluate(tasks, samples, out, Scorer(FAST), batch_size=2, progress=False)
    assert (second.resumed, second.scored, second.unreadable) == (4, 2, 1)
    records, bad = read_results(out)
    assert len(records) == 6 and bad == 1
    assert all(r["function_passed"] for r in second.records)


def test_hostile_completion_does_not_change_other_verdicts(tmp_path: Path) -> None:
    task = next(t for t in starter_tasks() if t.id == "typed-binary-search")
    hostile = ["```python\nimport os\nwhile True:\n    os.fork()\n```",
               "```python\nwhile True:\n    pass\n```",
               "```python\nx = bytearray(10**10)\n```"]
    good = f"```python\n{task.solutions['reference']}```"
    scores = Scorer(FAST).score_many([task] * 5, [good, *hostile, good])
    assert scores[0].function_passed and scores[-1].function_passed
    assert not any(s.function_passed for s in scores[1:4])
    assert scores[0].findings == scores[-1].findings


def test_garbage_completions_file_lines_are_skipped_with_reasons(tmp_path: Path) -> None:
    tasks = starter_tasks()[:2]
    path = tmp_path / "completions.jsonl"
    path.write_text("\n".join([
        json.dumps({"task_id": tasks[0].id, "completion": "```python\nprint(1)\n```"}),
        "{broken json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"task_id": tasks[0].id, "completion": 42}),
        json.dumps({"task_id": "unknown-task", "completion": "x"}),
        json.dumps({"task_id": tasks[0].id, "completion": None}),
        "",
    ]))
    loaded = read_completions(path, tasks)
    assert [(s.task_id, s.sample_index) for s in loaded.samples] == [(tasks[0].id, 0), (tasks[0].id, 1)]
    assert len(loaded.problems) == 4
    with pytest.raises(CompletionsError):
        read_completions(tmp_path / "missing.jsonl", tasks)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("nothing useful\n")
    with pytest.raises(CompletionsError, match="no usable completions"):
        read_completions(empty, tasks)


def test_no_code_and_syntax_errors_are_failed_samples_not_crashes() -> None:
    task = starter_tasks()[0]
    scores = Scorer(FAST).score_many([task] * 4, [None, "I cannot help with that.",
                                                  "```python\ndef f(:\n```", "```python\n" + "(" * 5000 + "\n```"])
    assert [s.status for s in scores] == ["no_code", "no_code", "syntax_error", "syntax_error"]
    assert not any(s.quality_passed or s.function_passed or s.runnable for s in scores)


def test_cli_eval_json_summary_on_the_starter_benchmark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = starter_tasks()
    completions = tmp_path / "c.jsonl"
    with completions.open("w") as handle:
        for task in tasks[:5]:
            for kind in ("reference", "flawed"):
                handle.write(json.dumps({"task_id": task.id,
                                         "completion": f"Sure:\n```python\n{task.solutions[kind]}```"}) + "\n")
    out = tmp_path / "r.jsonl"
    code = main(["eval", "--benchmark", "starter", "--limit", "5", "--completions", str(completions),
                 "--out", str(out), "--json", "--no-progress", "--case-timeout", "1"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"function", "quality", "function_quality", "compile", "runnable", "samples", "tasks"} <= set(summary)
    assert (summary["samples"], summary["tasks"]) == (10, 5)
    assert summary["compile"] == 1.0 and summary["function"] == 1.0
    assert summary["pass_at_k"]["pass@1"]["function"] == 1.0
    assert summary["safety"] == 0.5  # every reference passes its safety tests, no flawed twin does
    assert 0.5 <= summary["function_quality"] < 1.0  # references are clean; some twins are flagged
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[0]["kind"] == "realcode-results" and lines[0]["config_hash"] == summary["config_hash"]
    assert len(lines) == 1 + 10 and all(line["config"] == summary["config_hash"] for line in lines[1:])


def test_cli_eval_errors_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--benchmark", "starter", "--completions", str(tmp_path / "none.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["eval", "--benchmark", "starter", "--solutions", "imaginary"]) == 2
    assert main(["eval", "--benchmark", "safesql", "--data", str(tmp_path / "x"), "--solutions", "reference"]) == 2


def test_sample_keys_depend_on_content() -> None:
    assert Sample("a", 0, "x").key != Sample("a", 0, "y").key
    assert Sample("a", 0, "x").key == Sample("a", 0, "x").key


def test_a_run_without_any_code_is_zero_not_quality_only() -> None:
    # every sample lacked code (e.g. the text sat under another key): function is 0, not "n/a"
    records = [{"task_id": f"t{i}", "status": "no_code", "code_found": False, "compiles": False, "test": None,
                "function_passed": False, "quality_passed": False} for i in range(3)]
    summary = summarize(records)
    assert summary["function"] == 0.0 and "function_not_applicable" not in summary
