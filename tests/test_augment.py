"""Tests the prompt shows do not decide the reward: visible/hidden split and derived hidden tests."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from realcode.benchmarks import augment as augment_module
from realcode.benchmarks import load_benchmark
from realcode.benchmarks.augment import (
    AUGMENTED,
    ENOUGH_HIDDEN,
    REFERENCE_FAILS,
    AugmentOptions,
    augment_task,
    hidden_count,
)
from realcode.benchmarks.mutation import infer, mutate_inputs
from realcode.benchmarks.task import Task, chat_prompt
from realcode.benchmarks.visibility import example_lookup_program, shown_cases, with_visible_cases
from realcode.evaluation.metrics import summarize
from realcode.execution.limits import Limits
from realcode.execution.report import CaseResult, Status, TestReport, apply_visibility
from realcode.execution.returned import RETURNED, TIMEOUT, returned_values
from realcode.execution.suites import CallCase, CallSuite, suite_from_dict, suite_to_dict
from realcode.scoring import Scorer, ScoringConfig

FAST = Limits(wall_s=20.0, case_timeout_s=2.0)


def lookup_program(task: Task) -> str:
    """The reward hack: a table from the inputs the prompt shows to their outputs, nothing else."""
    program = example_lookup_program(task)
    assert program is not None
    return program


def _hidden(task: Task) -> int:
    assert isinstance(task.tests, CallSuite)
    return hidden_count(task.tests)


def sum_task(shown: int = 2, total: int = 6, reference: str | None = None) -> Task:
    cases = tuple(CallCase((list(range(n + 1)), n), sum(range(n + 1)) + n) for n in range(total))
    examples = "\n".join(f"- Input: total({list(c.args[0])}, {c.args[1]}) ; Output: {c.expected}"
                         for c in cases[:shown])
    prompt = chat_prompt(f"Return the sum of the list plus k.\n\n[Example Input & Output]\n{examples}\n")
    ref = reference if reference is not None else "def total(xs, k):\n    return sum(xs) + k\n"
    task = Task(id="sum", benchmark="synthetic", prompt=prompt, tests=CallSuite("total", cases),
                entry_point="total", solutions={"reference": ref})
    return with_visible_cases(task)


# ----------------------------------------------------------------------------- which cases are shown


def test_worked_examples_and_free_text_examples_are_detected_robustly() -> None:
    cases = [
        CallCase(([1, 2, 3], "ab"), 7),            # worked example, other spacing/quotes in the prompt
        CallCase(('"leetcode"',), True),            # free text, JSON spelling of the output
        CallCase(([4, 5], "zz"), 11),               # shown nowhere
        CallCase(([[1, 0], [0, 1]],), [[1, 0]]),    # output written as the bare single element
    ]
    prompt = (
        "Example:\n- Input: f([1,2,  3], \"ab\") ; Output: 7\n"
        "Example 2:\nInput: s = \"leetcode\"\nOutput: true\n"
        "Example 3: f([[1, 0], [0, 1]]) returns [1, 0]\n"
    )
    assert shown_cases(prompt, cases) == (0, 1, 3)


def test_tiny_values_far_apart_are_not_an_example() -> None:
    prompt = "Given 1 <= n <= 10**5." + " filler text" * 30 + " The answer may be 0."
    assert shown_cases(prompt, [CallCase((1,), 0)]) == ()
    assert shown_cases("For n = 1 the answer is 0.", [CallCase((1,), 0)]) == (0,)


def test_apply_visibility_lets_hidden_cases_decide_and_flags_all_visible() -> None:
    suite = CallSuite("f", tuple(CallCase((i,), i) for i in range(4)), visible=(0, 1))
    report = TestReport(Status.FAILED, cases=[CaseResult(0, "passed"), CaseResult(1, "passed"),
                                              CaseResult(2, "failed"), CaseResult(3, "failed")])
    apply_visibility(report, suite)
    assert (report.visible_pass_rate, report.hidden_pass_rate) == (1.0, 0.0)
    assert report.function_pass_rate == 0.0 and not report.function_passed
    assert report.visibility == "split"
    everything_shown = CallSuite("f", suite.cases, visible=(0, 1, 2, 3))
    passed = TestReport(Status.PASSED, cases=[CaseResult(i, "passed") for i in range(4)])
    apply_visibility(passed, everything_shown)
    assert passed.visibility == "all_visible" and passed.function_pass_rate == 1.0


def test_suite_round_trip_keeps_visible_and_generated() -> None:
    suite = CallSuite("f", (CallCase((1,), 1), CallCase((2,), 2)), visible=(0,), generated=(1,))
    assert suite_from_dict(json.loads(json.dumps(suite_to_dict(suite)))) == suite


def test_summary_reports_visible_and_hidden_apart() -> None:
    records = [{"task_id": "a", "visible_pass_rate": 1.0, "hidden_pass_rate": 0.0, "visibility": "split"},
               {"task_id": "b", "visible_pass_rate": 1.0, "hidden_pass_rate": None,
                "visibility": "all_visible"}]
    summary = summarize(records)
    assert (summary["visible_pass_rate"], summary["hidden_pass_rate"]) == (1.0, 0.0)
    assert summary["judged_on_visible_only"] == 1


# ----------------------------------------------------------------------------- mutation


def test_mutation_stays_in_the_domain_the_given_inputs_show() -> None:
    seeds = [[5, '"abc"', [1, 2, 3], [[1, 2], [3, 4]]], [9, '"ba"', [2, 7], [[0, 1], [1, 0]]]]
    mutants = mutate_inputs(seeds, 60, random.Random(3))
    assert len(mutants) == 60
    keys = {json.dumps(m) for m in mutants}
    assert len(keys) == 60 and not keys & {json.dumps(s) for s in seeds}
    for n, text, ordered, matrix in mutants:
        assert isinstance(n, int) and n >= 1
        assert text.startswith('"') and text.endswith('"') and set(text[1:-1]) <= set("abc")
        assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)
        assert len({len(row) for row in matrix}) <= 1
    assert infer([1, 2.5]).kind == "float" and infer([1, "a"]).kind == "mixed"


def test_mutation_is_deterministic_for_a_seed() -> None:
    seeds: list[list[Any]] = [[[3, 1, 2], "hello", {"k": 1}], [[5], "a", {"k": 2}]]
    first = mutate_inputs(seeds, 25, random.Random("7"))
    assert first == mutate_inputs(seeds, 25, random.Random("7"))
    assert first != mutate_inputs(seeds, 25, random.Random("8"))


# ----------------------------------------------------------------------------- sandboxed values


def test_returned_values_survive_a_hanging_and_a_raising_case() -> None:
    program = "def f(n):\n    if n == 1:\n        while True: pass\n    if n == 2:\n        raise ValueError\n    return n * 2\n"
    suite = CallSuite("f", tuple(CallCase((n,), None) for n in range(4)))
    run = returned_values(program, suite, Limits(wall_s=20.0, case_timeout_s=1.0))
    assert run.failure is None
    assert [c.status for c in run.cases] == [RETURNED, TIMEOUT, "error", RETURNED]
    assert (run.cases[0].value, run.cases[3].value) == (0, 6)


def test_augmentation_adds_hidden_cases_the_reference_passes(tmp_path: Path) -> None:
    task = sum_task(shown=2, total=3)
    assert _hidden(task) == 1
    options = AugmentOptions(cache_dir=str(tmp_path), limits=FAST)
    augmented, result = augment_task(task, options)
    suite = augmented.tests
    assert isinstance(suite, CallSuite) and result.outcome == AUGMENTED
    assert hidden_count(suite) == options.target_hidden
    assert suite.generated == tuple(range(3, len(suite.cases)))
    for case in suite.cases[3:]:
        xs, k = case.args
        assert case.expected == sum(xs) + k
    with Scorer(ScoringConfig(limits=FAST, workers=1)) as scorer:
        reference, hack = scorer.score_many([augmented, augmented],
                                            [task.solutions["reference"], lookup_program(augmented)])
    assert reference.function_passed and reference.test_report is not None
    assert reference.test_report.hidden_pass_rate == 1.0
    assert hack.test_report is not None and hack.test_report.visible_pass_rate == 1.0
    assert hack.function_pass_rate == 0.0 and not hack.function_passed


def test_augmentation_is_deterministic_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    task = sum_task(shown=2, total=3)
    uncached = AugmentOptions(cache_dir="", limits=FAST)
    first, _ = augment_task(task, uncached)
    second, _ = augment_task(task, uncached)
    assert first.tests == second.tests
    other_seed, _ = augment_task(task, AugmentOptions(cache_dir="", limits=FAST, seed=1))
    assert other_seed.tests != first.tests

    cached = AugmentOptions(cache_dir=str(tmp_path), limits=FAST)
    stored, _ = augment_task(task, cached)
    assert stored.tests == first.tests and len(list(tmp_path.glob("*.json"))) == 1

    def no_sandbox(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(augment_module, "returned_values", no_sandbox)
    again, result = augment_task(task, cached)
    assert again.tests == first.tests and result.outcome == AUGMENTED


@pytest.mark.parametrize("reference", [
    "def total(xs, k:\n    return 1\n",                       # does not parse
    "raise SystemExit(3)\n",                                    # dies while loading
    "def total(xs, k):\n    return -1\n",                      # wrong on the given cases
    "def total(xs, k):\n    while True:\n        pass\n",      # hangs
    "import os\ndef total(xs, k):\n    os._exit(0)\n",         # ends the process mid-case
])
def test_a_malformed_reference_leaves_the_task_alone(reference: str) -> None:
    task = sum_task(shown=2, total=3, reference=reference)
    options = AugmentOptions(cache_dir="", limits=Limits(wall_s=8.0, case_timeout_s=1.0))
    augmented, result = augment_task(task, options)
    assert result.outcome == REFERENCE_FAILS and result.detail
    assert augmented.tests == task.tests


def test_tasks_with_enough_hidden_cases_are_not_augmented() -> None:
    task = sum_task(shown=1, total=7)
    augmented, result = augment_task(task, AugmentOptions(cache_dir=""))
    assert result.outcome == ENOUGH_HIDDEN and augmented is task


# ----------------------------------------------------------------------------- APPS+


def _apps_sample(data_dir: Path, count: int) -> list[Task]:
    tasks = load_benchmark("apps_plus", str(data_dir)).tasks
    needy = [t for t in tasks if _hidden(t) < 5]
    return needy[::max(1, len(needy) // count)][:count]


def test_apps_plus_prompts_show_their_first_cases(data_dir: Path) -> None:
    tasks = load_benchmark("apps_plus", str(data_dir)).tasks
    suites = [t.tests for t in tasks if isinstance(t.tests, CallSuite)]
    assert len(suites) == len(tasks)
    # every prompt prints its first examples verbatim, and for many tasks that is every test
    assert all(s.visible[:1] == (0,) for s in suites)
    assert sum(len(s.visible) == len(s.cases) for s in suites) > len(suites) // 10


def test_apps_plus_lookup_fails_and_references_pass_after_augmentation(
        data_dir: Path, tmp_path: Path) -> None:
    sample = _apps_sample(data_dir, 6)
    options = AugmentOptions(cache_dir=str(tmp_path))
    augmented = [augment_task(t, options)[0] for t in sample]
    assert sum(_hidden(t) >= 5 for t in augmented) >= 4
    programs = [t.solutions["reference"] for t in augmented] + [lookup_program(t) for t in augmented]
    with Scorer(ScoringConfig(workers=2)) as scorer:
        scores = scorer.score_many(augmented + augmented, programs)
    references, hacks = scores[: len(sample)], scores[len(sample):]
    for task, score in zip(augmented, references, strict=True):
        if _hidden(task) > 0:
            assert score.test_report is not None and score.test_report.hidden_pass_rate == 1.0, task.id
    assert all(h.test_report is not None and h.test_report.visible_pass_rate == 1.0 for h in hacks)
    assert sum(h.function_passed for h in hacks) == 0


def test_a_value_is_found_in_prompt_text_only_where_it_stands_alone() -> None:
    """Not inside a longer word or number: ``x12``, ``_12``, ``1.2`` and ``12.5`` hold no ``12``."""
    from realcode.benchmarks.visibility import _positions

    assert _positions("a 12 x12 1.2 12.5 12. _12 -12 (12)", "12") == [2, 18, 27, 31]
    assert _positions("-1 a-1 -1.5", "-1") == [0]
    assert _positions("ab ab ab", "ab ab") == [0]  # matches do not overlap
