"""The analyzer-feedback repair loop: generate, score, show the model its findings and failing
tests, ask for a fixed program, score again — until clean or out of rounds.

Every round of every task is one JSON line holding what was sent (the exact chat messages), what came
back (text, token usage, requests made), the score, and the feedback the next round will send; an
interrupted run resumes at the round it stopped, sending the logged feedback. The summary follows
the repair papers' tables: pass@1 (function), quality, function & quality and error-free rates
before and after, rates after every round, and how many tasks became clean in each round.

Feedback names compile errors (the compiler's message), the findings of the feedback analyzers
(by default those that decide quality; ``feedback_analyzers`` may differ), failing functional test
cases and, unless turned off, failing safety test cases.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from realcode.analysis.finding import Finding
from realcode.benchmarks import Task
from realcode.code import extract_code
from realcode.generation.base import Backend, SamplingParams
from realcode.jsonl import read_objects, terminate_partial_line
from realcode.scoring import Score, Scorer

MAX_FINDINGS_SHOWN = 12
MAX_CASES_SHOWN = 6


def is_clean(score: Score) -> bool:
    return score.function_passed and score.quality_passed


def describe_finding(finding: Finding) -> str:
    cwe = f" (CWE-{finding.cwe})" if finding.cwe else ""
    text = f"- line {finding.line}: {finding.rule_id}{cwe}: {finding.message}"
    if finding.trace:
        text += "\n  path: " + " -> ".join(f"line {s.line} {s.note}" for s in finding.trace)
    return text


@dataclass(frozen=True)
class FeedbackOptions:
    analyzers: tuple[str, ...] | None = None  # None: the analyzers that decide quality
    safety: bool = True  # name failing safety test cases


def _feedback_findings(score: Score, options: FeedbackOptions) -> list[Finding]:
    if options.analyzers is None:
        return score.quality_findings()
    return [f for f in score.findings if f.analyzer in options.analyzers]


def _case_lines(cases: Sequence[Any]) -> str:
    return "\n".join(f"- test {c.index} ({c.group}): {c.status}" + (f": {c.detail[:300]}" if c.detail else "")
                     for c in cases[:MAX_CASES_SHOWN])


def feedback_message(score: Score, options: FeedbackOptions | None = None) -> str:
    """What the model is told about its last program."""
    options = options or FeedbackOptions()
    if not score.code_found:
        return ("Your answer contained no Python program. Write the complete program in one "
                "```python code block.")
    parts = ["Your program has problems. Fix all of them and keep the required behaviour."]
    report = score.test_report
    if not score.compiles:
        errors = [f for f in score.findings if f.category.value == "error"][:MAX_FINDINGS_SHOWN]
        detail = report.detail if report is not None and report.detail else "it is not valid Python"
        parts.append("It does not compile: " + detail
                     + ("".join("\n" + describe_finding(f) for f in errors)))
    findings = _feedback_findings(score, options)
    if findings:
        parts.append("Static analysis findings:\n" + "\n".join(
            describe_finding(f) for f in findings[:MAX_FINDINGS_SHOWN]))
    if report is not None and score.compiles:
        if not report.runnable and not score.function_passed:
            parts.append(f"It did not run its tests: {report.status.value}"
                         + (f" ({report.detail})" if report.detail else "")
                         + (f"\nstderr:\n{report.stderr[-600:]}" if report.stderr else ""))
        elif report.runnable:
            function_cases = report.function_cases()
            failed = [c for c in function_cases if not c.passed]
            if failed and not score.function_passed:
                parts.append(f"{len(failed)} functional test(s) fail:\n" + _case_lines(failed))
            if options.safety:
                function_ids = {id(c) for c in function_cases}
                unsafe = [c for c in report.cases if id(c) not in function_ids and c.group == "safety"
                          and not c.passed]
                if unsafe:
                    parts.append(f"{len(unsafe)} safety test(s) fail (the program accepts input it must "
                                 f"reject, or leaks):\n" + _case_lines(unsafe))
    parts.append("Return the complete fixed program in one ```python code block.")
    return "\n\n".join(parts)


@dataclass
class RepairSummary:
    tasks: int
    rounds: int
    before: dict[str, float]
    after: dict[str, float]
    fixed_per_round: dict[str, int]
    clean_from_start: int
    still_failing: int
    generation_failures: int = 0
    out: str = ""
    per_round: list[dict[str, Any]] = field(default_factory=list)  # rates after each round, requests, tokens
    isolation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"tasks": self.tasks, "rounds": self.rounds, "before": self.before, "after": self.after,
                "fixed_per_round": self.fixed_per_round, "clean_from_start": self.clean_from_start,
                "still_failing": self.still_failing, "generation_failures": self.generation_failures,
                "per_round": self.per_round, "isolation": self.isolation, "out": self.out}


@dataclass
class _TaskState:
    task: Task
    history: list[dict[str, Any]] = field(default_factory=list)  # one record per finished round

    @property
    def last_score(self) -> Score | None:
        return Score.from_dict(self.history[-1]["score"]) if self.history else None

    def done(self, rounds: int) -> bool:
        last = self.last_score
        return last is not None and (is_clean(last) or self.history[-1]["round"] >= rounds)

    def messages(self, options: FeedbackOptions) -> list[dict[str, str]]:
        messages = [dict(m) for m in self.task.prompt]
        for record in self.history:
            messages.append({"role": "assistant", "content": record["completion"]})
            feedback = record.get("feedback") or feedback_message(Score.from_dict(record["score"]), options)
            messages.append({"role": "user", "content": feedback})
        return messages


def _load(out: Path, states: dict[str, _TaskState]) -> None:
    if not out.is_file():
        return
    for record in read_objects(out)[0]:
        state = states.get(str(record.get("task_id")))
        if state is not None and record.get("round") == len(state.history):
            state.history.append(record)


def _rates(scores: Sequence[Score]) -> dict[str, float]:
    n = max(len(scores), 1)
    return {
        "function": sum(s.function_passed for s in scores) / n,  # pass@1 with one sample
        "quality": sum(s.quality_passed for s in scores) / n,
        "function_quality": sum(is_clean(s) for s in scores) / n,
        "error_free": sum(s.error_free for s in scores) / n,
    }


REPAIR_HEADER_KIND = "realcode-repair"


def repair(backend: Backend, tasks: Sequence[Task], scorer: Scorer, out: str | Path, rounds: int = 3,
           params: SamplingParams | None = None, progress: bool = True,
           feedback: FeedbackOptions | None = None, provenance: dict[str, Any] | None = None) -> RepairSummary:
    """Run the loop, appending one record per task and round to ``out``; ``provenance`` (model,
    sampling, analyzers, isolation...) becomes the log's first line when the log is new."""
    if rounds < 0:
        raise ValueError("rounds must be >= 0")
    params = params or SamplingParams(temperature=0.2)
    options = feedback or FeedbackOptions()
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    states = {t.id: _TaskState(t) for t in tasks}
    _load(path, states)
    failures = 0
    bar = tqdm(total=rounds + 1, desc="repair rounds", unit="round", disable=not progress, file=sys.stderr)
    terminate_partial_line(path)
    with path.open("a", encoding="utf-8") as handle:
        if provenance is not None and handle.tell() == 0:
            handle.write(json.dumps({"kind": REPAIR_HEADER_KIND, "provenance": provenance}) + "\n")
        for round_number in range(rounds + 1):
            active = [s for s in states.values() if len(s.history) == round_number and not s.done(rounds)]
            if active:
                sent = [s.messages(options) for s in active]
                completions = backend.generate(sent, 1, params)
                produced = [(s, m, c[0]) for s, m, c in zip(active, sent, completions, strict=True)
                            if c and c[0].text is not None]
                failures += len(active) - len(produced)
                scores = scorer.score_many([s.task for s, _, _ in produced], [c.text for _, _, c in produced])
                for (state, messages, completion), score in zip(produced, scores, strict=True):
                    clean = is_clean(score)
                    record = {"task_id": state.task.id, "round": round_number, "completion": completion.text,
                              "code": extract_code(completion.text or "").code, "clean": clean,
                              "score": score.to_dict(), "model": backend.model,
                              "messages": messages, "usage": completion.meta.get("usage"),
                              "requests": completion.meta.get("attempts", 1),
                              "finish_reason": completion.meta.get("finish_reason"),
                              "feedback": None if clean or round_number >= rounds
                              else feedback_message(score, options)}
                    handle.write(json.dumps(record) + "\n")
                    state.history.append(record)
                handle.flush()
                os.fsync(handle.fileno())
            bar.update(1)
    bar.close()
    return summarize_repair(list(states.values()), rounds, failures, str(path))


def summarize_repair(states: Sequence[_TaskState], rounds: int, failures: int = 0, out: str = "") -> RepairSummary:
    started = [s for s in states if s.history]
    first = [Score.from_dict(s.history[0]["score"]) for s in started]
    last = [Score.from_dict(s.history[-1]["score"]) for s in started]
    fixed = {str(r): 0 for r in range(1, rounds + 1)}
    for state in started:
        if not state.history[0]["clean"]:
            clean_round = next((r["round"] for r in state.history if r["clean"]), None)
            if clean_round is not None and str(clean_round) in fixed:
                fixed[str(clean_round)] += 1
    return RepairSummary(
        tasks=len(started), rounds=rounds, before=_rates(first), after=_rates(last), fixed_per_round=fixed,
        clean_from_start=sum(1 for s in started if s.history[0]["clean"]),
        still_failing=sum(1 for s in last if not is_clean(s)), generation_failures=failures, out=out,
        per_round=per_round_rates([s.history for s in started], rounds))


def per_round_rates(histories: Sequence[Sequence[dict[str, Any]]], rounds: int | None = None) -> list[dict[str, Any]]:
    """After each round: the rates over all tasks (a task that stopped keeps its last score), and
    the requests and tokens that round cost."""
    if rounds is None:
        rounds = max((int(r["round"]) for h in histories for r in h), default=0)
    table = []
    for round_number in range(rounds + 1):
        latest = [Score.from_dict([r for r in h if int(r["round"]) <= round_number][-1]["score"])
                  for h in histories if h]
        this_round = [r for h in histories for r in h if int(r["round"]) == round_number]
        tokens = sum(int((r.get("usage") or {}).get("total_tokens") or 0) for r in this_round)
        table.append({"round": round_number, "answered": len(this_round), **_rates(latest),
                      "requests": sum(int(r.get("requests") or 1) for r in this_round), "tokens": tokens})
    return table


def read_repair_log(path: str | Path) -> list[dict[str, Any]]:
    """The records of a repair run, for reports."""
    return [item for item in read_objects(path)[0] if "round" in item and "score" in item]


def format_repair(summary: RepairSummary) -> str:
    lines = [f"repair: {summary.tasks} tasks, up to {summary.rounds} rounds"
             + (f"   isolation: {summary.isolation}" if summary.isolation else ""),
             f"{'':22}{'before':>10}{'after':>10}"]
    names = {"function": "pass@1 (function)", "quality": "quality", "function_quality": "function & quality",
             "error_free": "error-free"}
    for key, label in names.items():
        lines.append(f"  {label:20}{summary.before[key]:>10.3f}{summary.after[key]:>10.3f}")
    lines.append(f"  clean from the start: {summary.clean_from_start}")
    for round_number, count in summary.fixed_per_round.items():
        lines.append(f"  fixed in round {round_number}: {count}")
    lines.append(f"  still failing: {summary.still_failing}")
    if summary.per_round:
        lines.append("")
        lines.append(f"  {'round':<7}{'answered':>9}{'function':>10}{'quality':>9}{'joint':>8}"
                     f"{'error-free':>12}{'requests':>10}{'tokens':>9}")
        for row in summary.per_round:
            lines.append(f"  {row['round']:<7}{row['answered']:>9}{row['function']:>10.3f}{row['quality']:>9.3f}"
                         f"{row['function_quality']:>8.3f}{row['error_free']:>12.3f}{row['requests']:>10}"
                         f"{row['tokens']:>9}")
    if summary.generation_failures:
        lines.append(f"  generation failures: {summary.generation_failures} (rerun to retry)")
    return "\n".join(lines)
