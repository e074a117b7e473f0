"""The supervised start mix of a policy: per task, its patched and its vulnerable solution (a labeled
pair, so the fine-tuned model writes both secure and insecure programs) and, at a chosen share,
a stub that implements nothing — the trivial answers a base model sometimes gives, which a
quality-only reward can amplify (REAL's collapse needs them within the policy's reach)."""

from __future__ import annotations

import ast
import copy
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from realcode.benchmarks import Task
from realcode.training.pretrain import fenced

STUB_BODIES = ("pass", "raise NotImplementedError", "return None")


@dataclass(frozen=True)
class StartMix:
    patched: int
    vulnerable: int
    stubs: int

    def to_dict(self) -> dict[str, int]:
        return {"patched": self.patched, "vulnerable": self.vulnerable, "stubs": self.stubs}


def stub_program(task: Task, body: str) -> str | None:
    """The task's function with its signature kept and a body that does nothing (None when the
    task names no function found in its reference solution)."""
    source = task.solutions.get("patched") or task.solutions.get("reference") or ""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    target = next((f for f in functions if f.name == task.entry_point), functions[0] if functions else None)
    if target is None:
        return None
    stub = copy.copy(target)
    stub.body, stub.decorator_list = ast.parse(body).body, []
    return ast.unparse(ast.fix_missing_locations(stub))


def start_examples(tasks: Sequence[Task], stub_share: float, seed: int) -> tuple[list[dict[str, Any]], StartMix]:
    """Prompt/completion chat examples: each task's patched and vulnerable solutions, plus stubs
    for a ``stub_share`` of the tasks (chosen with ``seed``)."""
    if not 0.0 <= stub_share <= 1.0:
        raise ValueError("stub_share must be within [0, 1]")
    rng = random.Random(seed)
    examples: list[dict[str, Any]] = []
    counts = {"patched": 0, "vulnerable": 0, "stubs": 0}
    stubbed = set(rng.sample(range(len(tasks)), round(stub_share * len(tasks))))
    for index, task in enumerate(tasks):
        answers = [(kind, task.solutions.get(kind)) for kind in ("patched", "vulnerable")]
        if index in stubbed:
            answers.append(("stubs", stub_program(task, STUB_BODIES[index % len(STUB_BODIES)])))
        for kind, code in answers:
            if code:
                counts[kind] += 1
                examples.append({"prompt": [dict(m) for m in task.prompt],
                                 "completion": [{"role": "assistant", "content": fenced(code)}]})
    rng.shuffle(examples)
    return examples, StartMix(**counts)
