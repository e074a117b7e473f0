"""Evaluation: holistic metrics over scored samples, and resumable evaluation runs."""

from realcode.evaluation.metrics import format_summary, pass_at_k, summarize
from realcode.evaluation.runner import (
    CompletionsError,
    EvaluationRun,
    Sample,
    evaluate,
    read_completions,
    read_results,
    samples_from_solutions,
)

__all__ = [
    "CompletionsError",
    "EvaluationRun",
    "Sample",
    "evaluate",
    "format_summary",
    "pass_at_k",
    "read_completions",
    "read_results",
    "samples_from_solutions",
    "summarize",
]
