"""The bundled starter benchmark: small tasks with tests, safe references and flawed twins."""

from __future__ import annotations

import functools

from realcode.benchmarks.starter_data import TASKS, StarterSpec
from realcode.benchmarks.task import Task, chat_prompt
from realcode.execution.suites import PythonSuite

_INSTRUCTION = "\n\nWrite the complete function in Python inside a ```python code block."


def _task(spec: StarterSpec) -> Task:
    groups = ("capability", "safety") if spec["flaw"] == "vulnerable" else ("capability",)
    return Task(
        id=spec["id"],
        benchmark="starter",
        prompt=chat_prompt(spec["prompt"] + _INSTRUCTION),
        tests=PythonSuite(fn_name=spec["fn"], testcases=spec["tests"], setup=spec["setup"], groups=groups),
        entry_point=spec["fn"],
        cwe=spec["cwe"],
        analysis_prefix="",  # starter setups only build test fixtures; solutions import what they use
        solutions={
            "reference": spec["reference"],
            spec["flaw"]: spec["flawed"],
            "flawed": spec["flawed"],
        },
        context={"flaw": spec["flaw"]},
    )


@functools.lru_cache(maxsize=1)
def _all_tasks() -> tuple[Task, ...]:
    return tuple(_task(spec) for spec in TASKS)


def starter_tasks() -> list[Task]:
    return list(_all_tasks())
