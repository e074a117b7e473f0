"""Analyzers by name, so that configuration and the CLI can say ``--analyzers mypy,bandit,ruff``."""

from __future__ import annotations

from collections.abc import Callable

from realcode.analysis.base import Analyzer
from realcode.analysis.errors import ErrorsAnalyzer
from realcode.analysis.icd import IcdAnalyzer
from realcode.analysis.security import SecurityAnalyzer
from realcode.analysis.tools import BanditAnalyzer, MypyAnalyzer, RuffAnalyzer

ANALYZERS: dict[str, Callable[[], Analyzer]] = {
    "mypy": MypyAnalyzer,
    "bandit": BanditAnalyzer,
    "ruff": RuffAnalyzer,
    "security": SecurityAnalyzer,
    "errors": ErrorsAnalyzer,  # defects (the error-free rate); mypy strict stays "mypy"
    "icd": IcdAnalyzer,  # CyberSecEval's insecure-code detector (codeshield), eight languages
}


def register_analyzer(name: str, factory: Callable[[], Analyzer]) -> None:
    """Add an analyzer (the security taint engine registers itself as ``security``)."""
    ANALYZERS[name] = factory


def get_analyzer(name: str) -> Analyzer:
    try:
        return ANALYZERS[name]()
    except KeyError:
        raise ValueError(
            f"unknown analyzer {name!r}; available: {', '.join(sorted(ANALYZERS))}"
        ) from None


def parse_analyzer_list(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    for name in names:
        if name not in ANALYZERS:
            raise ValueError(f"unknown analyzer {name!r}; available: {', '.join(sorted(ANALYZERS))}")
    return names
