"""Row converters for the public benchmarks (SafeSQL, SecCodePLT+, APPS+) and the registry.

Each converter turns one dataset row (as stored in the REAL release, see ``../shared/data/README``)
into a ``Task``; a malformed row raises ``ValueError`` with the reason, and the loader skips it and
reports how many were skipped rather than failing the whole run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from realcode.benchmarks.apps_stdin import apps_stdin_task
from realcode.benchmarks.augment import AugmentOptions, augment_tasks
from realcode.benchmarks.cyberseceval import cyberseceval_task, purplellama_task
from realcode.benchmarks.humaneval import humaneval_completion_task, humaneval_instruct_task
from realcode.benchmarks.source import DataUnavailable, load_from_hub, locate, read_rows
from realcode.benchmarks.task import Task, chat_prompt
from realcode.benchmarks.visibility import with_visible_cases
from realcode.execution.suites import CallCase, CallSuite, PythonSuite, StdioCase, StdioSuite

# Imports LeetCode-style judges provide before a solution runs (class tasks use `List` unimported).
APPS_PREAMBLE = """\
import sys, math, itertools, collections, heapq, bisect, functools, string, re
from typing import *
from collections import *
from itertools import *
from functools import *
from heapq import *
from bisect import *
from math import sqrt, ceil, floor, gcd, log, log2, exp, inf, factorial, comb, isqrt
"""


def _require(row: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if row.get(k) in (None, "")]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")


def _prompt(row: dict[str, Any], fallback: str) -> tuple[dict[str, str], ...]:
    messages = row.get("prompt")
    if isinstance(messages, list) and messages and all(isinstance(m, dict) for m in messages):
        return tuple({"role": str(m.get("role", "user")), "content": str(m.get("content", ""))}
                     for m in messages)
    if isinstance(messages, str) and messages:
        return chat_prompt(messages)
    return chat_prompt(fallback)


def safesql_task(row: dict[str, Any]) -> Task:
    _require(row, "program_id", "construct_db", "test_cases")
    cases = tuple(
        StdioCase(stdin=str(c["input"]), expected=str(c.get("output") or ""))
        for c in row["test_cases"]
        if c.get("success", True)
    )
    if not cases:
        raise ValueError("no test cases")
    solutions = {"reference": row["execute_sql"]} if row.get("execute_sql") else {}
    return Task(
        id=str(row["program_id"]),
        benchmark="safesql",
        prompt=_prompt(row, str(row.get("task_description", ""))),
        tests=StdioSuite(cases=cases, setup_code=row["construct_db"], match="rows"),
        cwe="89",
        solutions=solutions,
        context={
            "task_description": row.get("task_description", ""),
            "test_attacks": list(row.get("test_attacks") or []),
        },
    )


def seccodeplt_task(row: dict[str, Any]) -> Task:
    _require(row, "id", "CWE_ID", "task_description", "unittest")
    description = row["task_description"]
    unittest = row["unittest"]
    fn_name = description.get("function_name") if isinstance(description, dict) else None
    if not fn_name or not isinstance(unittest, dict) or not unittest.get("testcases"):
        raise ValueError("missing function name or test cases")
    truth = row.get("ground_truth") or {}
    solutions = {}
    for kind in ("patched", "vulnerable"):
        body = truth.get(f"{kind}_code")
        if body is not None:
            solutions[kind] = (truth.get("code_before") or "") + body + (truth.get("code_after") or "")
    if "patched" in solutions:
        solutions["reference"] = solutions["patched"]
    setup = unittest.get("setup") or ""
    return Task(
        id=str(row["id"]),
        benchmark="seccodeplt",
        prompt=_prompt(row, str(description.get("description", ""))),
        tests=PythonSuite(fn_name=fn_name, testcases=unittest["testcases"], setup=setup),
        entry_point=fn_name,
        cwe=str(row["CWE_ID"]),
        analysis_prefix=setup + "\n" if setup else "",
        solutions=solutions,
        context={
            "security_policy": description.get("security_policy", ""),
            "install_requires": list(row.get("install_requires") or []),
        },
    )


def apps_plus_task(row: dict[str, Any]) -> Task:
    _require(row, "problem_id")
    extra = row.get("extra_info") or {}
    raw = extra.get("test_info") or row.get("input_output")
    if not raw:
        raise ValueError("no test information")
    tests = json.loads(raw) if isinstance(raw, str) else raw
    fn_name = tests.get("fn_name")
    inputs, outputs = tests.get("inputs"), tests.get("outputs")
    if not fn_name and isinstance(tests, dict):  # original APPS: stdin-style programs
        return apps_stdin_task(row, tests)
    if not fn_name or not isinstance(inputs, list) or not isinstance(outputs, list):
        raise ValueError("test information lacks fn_name, inputs or outputs")
    if len(inputs) != len(outputs) or not inputs:
        raise ValueError("inputs and outputs differ in length or are empty")
    is_class = extra.get("program_type") == "class" or "class Solution" in (row.get("starter_code") or "")
    cases = tuple(CallCase(tuple(args) if isinstance(args, list) else (args,), expected)
                  for args, expected in zip(inputs, outputs, strict=True))
    solutions_raw = row.get("solutions")
    solutions_list = json.loads(solutions_raw) if isinstance(solutions_raw, str) else (solutions_raw or [])
    return with_visible_cases(Task(
        id=str(row["problem_id"]),
        benchmark="apps_plus",
        prompt=_prompt(row, str(row.get("question", ""))),
        tests=CallSuite(fn_name=fn_name, cases=cases, class_name="Solution" if is_class else None,
                        preamble=APPS_PREAMBLE),
        entry_point=fn_name,
        analysis_prefix=APPS_PREAMBLE,
        solutions={"reference": solutions_list[0]} if solutions_list else {},
        context={"difficulty": row.get("difficulty"), "program_type": "class" if is_class else "function",
                 "other_solutions": solutions_list[1:4]},  # differential checks (benchmarks.augment)
    ))


@dataclass(frozen=True)
class BenchmarkSpec:
    name: str
    description: str
    folder: str  # sub-folder of a data directory
    default_split: str
    hub_name: str | None
    quality_analyzers: tuple[str, ...]  # what decides the quality verdict by default
    convert: Callable[[dict[str, Any]], Task] | None  # None: bundled, see starter.py
    file_names: tuple[str, ...] = ()  # the dataset's own file names in its folder, tried first


@dataclass
class LoadedBenchmark:
    spec: BenchmarkSpec
    tasks: list[Task]
    source: str
    skipped: list[str]  # "row N: reason" for malformed rows
    augmentation: dict[str, int] = field(default_factory=dict)  # outcome -> tasks, when augmented


# The security benchmarks' quality verdict: realcode's taint engine (recall 0.95 / false positives
# 0.02 on SecCodePLT+ pairs, against Bandit's 0.24 / 0.17: benchmarks/detector_accuracy.py).
SECURITY_QUALITY: tuple[str, ...] = ("security",)
# HumanEval's quality: the error analyzers (the defects the analyzer-feedback paper's EFR counts).
ERROR_QUALITY: tuple[str, ...] = ("errors",)

BENCHMARKS: dict[str, BenchmarkSpec] = {
    spec.name: spec
    for spec in (
        BenchmarkSpec("safesql", "SQL tasks over SQLite; stdin scripts (REAL)", "safesql", "train",
                      "fengyao1909/SafeSQL", SECURITY_QUALITY, safesql_task),
        BenchmarkSpec("seccodeplt", "SecCodePLT+ functions over 17 CWEs, capability and safety tests",
                      "seccodeplt", "train", "fengyao1909/SecCodePLT_Plus", SECURITY_QUALITY,
                      seccodeplt_task),
        BenchmarkSpec("apps_plus", "APPS+ LeetCode-style function and class tasks", "apps_plus",
                      "test", "fengyao1909/APPS_Plus", ("mypy",), apps_plus_task),
        BenchmarkSpec("starter", "realcode's bundled starter set: security pairs and typed algorithms",
                      "starter", "test", None, (*SECURITY_QUALITY, "mypy"), None),
        BenchmarkSpec("humaneval", "HumanEval, prompt-completion style (the model continues the signature)",
                      "humaneval", "test", "openai_humaneval", ERROR_QUALITY, humaneval_completion_task,
                      ("HumanEval.jsonl.gz", "HumanEval.jsonl")),
        BenchmarkSpec("humaneval_instruct", "HumanEval, instruct style (chat prompt, whole function back)",
                      "humaneval", "test", "openai_humaneval", ERROR_QUALITY, humaneval_instruct_task,
                      ("HumanEval.jsonl.gz", "HumanEval.jsonl")),
        BenchmarkSpec("cyberseceval", "CyberSecEval secure-coding prompts, 8 languages (--split instruct|"
                      "autocomplete); quality-only", "cyberseceval", "instruct", None, ("icd",),
                      cyberseceval_task),
        BenchmarkSpec("purplellama", "REAL's PurpleLlama set: CyberSecEval instruct prompts with recorded "
                      "Qwen completions; quality-only", "purplellama", "train", "fengyao1909/purplellama",
                      ("icd",), purplellama_task),
    )
}


def get_benchmark(name: str) -> BenchmarkSpec:
    try:
        return BENCHMARKS[name]
    except KeyError:
        raise DataUnavailable(
            f"unknown benchmark {name!r}; choose one of: {', '.join(sorted(BENCHMARKS))}"
        ) from None


def load_benchmark(
    name: str, data: str | None = None, split: str | None = None, limit: int | None = None,
    augment: AugmentOptions | None = None,
) -> LoadedBenchmark:
    """Load a benchmark's tasks from a file/directory, ``$REALCODE_DATA_DIR`` or the Hub.

    With ``augment``, call-suite tasks with too few hidden tests get derived ones (``augment.py``)."""
    spec = get_benchmark(name)
    split = split or spec.default_split
    if spec.convert is None:
        from realcode.benchmarks.starter import starter_tasks

        tasks = starter_tasks()
        return LoadedBenchmark(spec, tasks[:limit] if limit else tasks, "bundled", [])
    path = locate(data, spec.folder, split, spec.file_names)
    if path is not None:
        rows, source = read_rows(path), str(path)
    elif spec.hub_name:
        rows, source = load_from_hub(spec.hub_name, split), f"hf://{spec.hub_name}[{split}]"
    else:
        raise DataUnavailable(f"no data for {name!r}: pass --data PATH")
    tasks, skipped = convert_rows(spec, rows, limit)
    if not tasks:
        reasons = "; ".join(skipped[:3]) or "the file has no rows"
        raise DataUnavailable(f"{source}: no usable {name} rows ({reasons})")
    loaded = LoadedBenchmark(spec, tasks, source, skipped)
    if augment is not None:
        loaded.tasks, outcomes = augment_tasks(loaded.tasks, augment)
        loaded.augmentation = dict(outcomes)
    return loaded


def convert_rows(
    spec: BenchmarkSpec, rows: list[dict[str, Any]], limit: int | None = None
) -> tuple[list[Task], list[str]]:
    assert spec.convert is not None
    tasks: list[Task] = []
    skipped: list[str] = []
    for index, row in enumerate(rows):
        if limit is not None and len(tasks) >= limit:
            break
        try:
            if not isinstance(row, dict):
                raise ValueError("row is not an object")
            tasks.append(with_visible_cases(spec.convert(row)))  # any call suite: shown cases
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            skipped.append(f"row {index}: {type(exc).__name__}: {exc}")
    return tasks, skipped


