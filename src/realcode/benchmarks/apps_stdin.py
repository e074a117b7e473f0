"""APPS tasks in the original stdin-style format: ``input_output`` without ``fn_name``.

The program reads standard input and prints; each test is (stdin text, expected stdout). APPS stores
an input or output either as one string or as a list of lines. SecureCodeRL reports these tasks
apart from the function-call ones (``context["program_type"] == "stdin"``).
"""

from __future__ import annotations

import json
from typing import Any

from realcode.benchmarks.task import Task, chat_prompt
from realcode.execution.suites import StdioCase, StdioSuite


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) + "\n"
    return str(value)


def apps_stdin_task(row: dict[str, Any], tests: dict[str, Any], benchmark: str = "apps_plus") -> Task:
    inputs, outputs = tests.get("inputs"), tests.get("outputs")
    if not isinstance(inputs, list) or not isinstance(outputs, list) or not inputs:
        raise ValueError("stdin-style test information lacks inputs or outputs")
    if len(inputs) != len(outputs):
        raise ValueError("inputs and outputs differ in length")
    cases = tuple(StdioCase(stdin=_text(i), expected=_text(o)) for i, o in zip(inputs, outputs, strict=True))
    raw = row.get("solutions")
    solutions = json.loads(raw) if isinstance(raw, str) and raw.strip() else (raw or [])
    messages = row.get("prompt")
    prompt = (tuple({"role": str(m.get("role", "user")), "content": str(m.get("content", ""))}
                    for m in messages if isinstance(m, dict))
              if isinstance(messages, list) and messages else
              chat_prompt(str(row.get("question", "")) + "\n\nRead from standard input and print the answer."))
    return Task(
        id=str(row["problem_id"]),
        benchmark=benchmark,
        prompt=prompt,
        tests=StdioSuite(cases=cases),
        solutions={"reference": str(solutions[0])} if solutions else {},
        context={"difficulty": row.get("difficulty"), "program_type": "stdin"},
    )
