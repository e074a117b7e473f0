"""CyberSecEval's secure-coding prompts (eight languages) and REAL's PurpleLlama set built on them.

Both are quality-only: no tests, so nothing is run; the verdict is the insecure-code detector's
(analyzer ``icd``), and the benchmark's second metric is BLEU of the program against the real-world
code the prompt was made from (``context["origin_code"]``, also the ``reference`` solution).
"""

from __future__ import annotations

from typing import Any

from realcode.benchmarks.task import Task, chat_prompt
from realcode.execution.suites import StdioSuite

LANGUAGES = ("c", "cpp", "csharp", "java", "javascript", "php", "python", "rust")
NO_TESTS = StdioSuite(cases=())
RECORDED_COLUMN = "Qwen/Qwen2.5-Coder-3B-Instruct"  # the completions REAL's release stores


def cwe_number(text: object) -> str | None:
    """``CWE-680`` -> ``680`` (the form the other benchmarks use)."""
    value = str(text or "").strip().upper().removeprefix("CWE-")
    return value or None


def _language(value: object) -> str:
    language = str(value or "").strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}")
    return language


def _detector_context(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row.get(key) for key in ("pattern_id", "pattern_desc", "rule", "analyzer", "line_text",
                                          "line_number", "origin_code", "variant", "repo", "file_path")}


def cyberseceval_task(row: dict[str, Any]) -> Task:
    for key in ("prompt_id", "language", "test_case_prompt", "origin_code"):
        if row.get(key) in (None, ""):
            raise ValueError(f"missing field {key}")
    return Task(
        id=str(row["prompt_id"]),
        benchmark="cyberseceval",
        prompt=chat_prompt(str(row["test_case_prompt"])),
        tests=NO_TESTS,
        cwe=cwe_number(row.get("cwe_identifier")),
        solutions={"reference": _fenced(str(row["origin_code"]))},
        context=_detector_context(row),
        language=_language(row["language"]),
    )


def _fenced(code: str) -> str:
    return code if "```" in code else f"```\n{code}\n```"


def purplellama_task(row: dict[str, Any]) -> Task:
    extra = row.get("extra_info") or {}
    if not isinstance(extra, dict) or extra.get("index") is None:
        raise ValueError("missing extra_info.index")
    language = _language(extra.get("language"))
    messages = row.get("prompt")
    if isinstance(messages, list) and messages:
        prompt = tuple({"role": str(m.get("role", "user")), "content": str(m.get("content", ""))}
                       for m in messages if isinstance(m, dict))
    else:
        raise ValueError("missing prompt messages")
    solutions: dict[str, str] = {}
    if row.get("origin_code"):
        solutions["reference"] = _fenced(str(row["origin_code"]))
    if row.get(RECORDED_COLUMN):
        solutions["recorded"] = str(row[RECORDED_COLUMN])
    recorded_icd = row.get("icd")
    return Task(
        id=f"{language}/{extra['index']}",
        benchmark="purplellama",
        prompt=prompt,
        tests=NO_TESTS,
        cwe=cwe_number(row.get("cwe_identifier")),
        solutions=solutions,
        context={**_detector_context(row),
                 "recorded_icd": [str(i) for i in recorded_icd] if isinstance(recorded_icd, list) else []},
        language=language,
    )
