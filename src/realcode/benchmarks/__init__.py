"""Benchmarks: loaders that turn datasets into Tasks, and the bundled starter set."""

from realcode.benchmarks.loaders import (
    BENCHMARKS,
    BenchmarkSpec,
    LoadedBenchmark,
    get_benchmark,
    load_benchmark,
)
from realcode.benchmarks.source import DataUnavailable
from realcode.benchmarks.task import Task

__all__ = [
    "BENCHMARKS",
    "BenchmarkSpec",
    "DataUnavailable",
    "LoadedBenchmark",
    "Task",
    "get_benchmark",
    "load_benchmark",
]
