"""Static analysis of programs into Findings: mypy, Bandit, ruff, and (its own issue) the taint engine."""

from realcode.analysis.base import Analyzer, AnalyzerError, Program, analyze
from realcode.analysis.finding import Category, Finding, Severity, TraceStep, to_sarif
from realcode.analysis.registry import ANALYZERS, get_analyzer, register_analyzer

__all__ = [
    "ANALYZERS",
    "Analyzer",
    "AnalyzerError",
    "Category",
    "Finding",
    "Program",
    "Severity",
    "TraceStep",
    "analyze",
    "get_analyzer",
    "register_analyzer",
    "to_sarif",
]
