"""Task: one benchmark problem, with its tests and (optionally) its known solutions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realcode.execution.suites import TestSuite, suite_from_dict, suite_to_dict


@dataclass(frozen=True)
class Task:
    """A benchmark problem.

    ``analysis_prefix`` is code the program runs after (SecCodePLT's setup imports and globals, the
    APPS import preamble): analyzers see ``prefix + program`` so that names the task provides are
    not reported as undefined, and findings inside the prefix are dropped.
    ``solutions`` maps a kind (``reference``, ``vulnerable``, ``patched``, ``unmaintainable``) to
    a whole program, for checking the pipeline.
    ``language`` is the programs' language (CyberSecEval has eight); only Python programs are
    compiled, run and given to Python analyzers. ``completion_prefix`` is code a completion-style
    model continues (HumanEval's signature and docstring): a completion that does not define the
    entry point itself is appended to it (``benchmarks.programs.task_program``).
    A task whose suite has no case is quality-only (``has_tests`` is False): nothing is run.
    """

    id: str
    benchmark: str
    prompt: tuple[dict[str, str], ...]
    tests: TestSuite
    entry_point: str | None = None
    cwe: str | None = None
    analysis_prefix: str = ""
    solutions: dict[str, str] = field(default_factory=dict, hash=False)
    context: dict[str, Any] = field(default_factory=dict, hash=False)
    language: str = "python"
    completion_prefix: str = ""

    @property
    def has_tests(self) -> bool:
        return bool(getattr(self.tests, "cases", None) or getattr(self.tests, "testcases", None)
                    or getattr(self.tests, "check_source", None))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "benchmark": self.benchmark,
            "prompt": [dict(m) for m in self.prompt],
            "tests": suite_to_dict(self.tests),
            "entry_point": self.entry_point,
            "cwe": self.cwe,
            "analysis_prefix": self.analysis_prefix,
            "solutions": dict(self.solutions),
            "context": dict(self.context),
            "language": self.language,
            "completion_prefix": self.completion_prefix,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        return cls(
            id=str(data["id"]),
            benchmark=str(data["benchmark"]),
            prompt=tuple(dict(m) for m in data.get("prompt", [])),
            tests=suite_from_dict(data["tests"]),
            entry_point=data.get("entry_point"),
            cwe=data.get("cwe"),
            analysis_prefix=data.get("analysis_prefix", ""),
            solutions=dict(data.get("solutions", {})),
            context=dict(data.get("context", {})),
            language=str(data.get("language") or "python"),
            completion_prefix=str(data.get("completion_prefix") or ""),
        )


def chat_prompt(text: str) -> tuple[dict[str, str], ...]:
    return ({"role": "user", "content": text},)
