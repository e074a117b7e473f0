"""Turn (task, completion) pairs into Scores: extract, compile, analyze in batch, test in the sandbox."""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from realcode.analysis.base import AnalyzerError, Program
from realcode.analysis.finding import Finding
from realcode.analysis.registry import get_analyzer
from realcode.benchmarks.task import Task
from realcode.code.extract import extract_code
from realcode.execution.limits import Limits
from realcode.execution.report import Status, TestReport
from realcode.execution.runners import run_tests
from realcode.execution.warm import WarmPool
from realcode.scoring.score import ERROR_ANALYZERS, Score


def compiles(code: str) -> tuple[bool, str | None]:
    """Does the program compile? Never raises, whatever the text (deep nesting, NUL bytes)."""
    try:
        compile(code, "solution.py", "exec", flags=ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, None


@dataclass
class ScoringConfig:
    quality_analyzers: tuple[str, ...] | None = None  # None: the benchmark's default
    extra_analyzers: tuple[str, ...] = ERROR_ANALYZERS  # run too, for the error-free rate
    limits: Limits = field(default_factory=Limits)
    workers: int = max(os.cpu_count() or 1, 1) * 2  # sandbox runs wait on I/O and children
    run_tests: bool = True
    warm_workers: bool = True  # fork runs from pre-started workers instead of cold interpreters


class Scorer:
    """Batch scorer. ``score_many`` never raises for anything a completion contains."""

    def __init__(self, config: ScoringConfig | None = None,
                 default_quality: Callable[[Task], tuple[str, ...]] | None = None) -> None:
        self.config = config or ScoringConfig()
        self._default_quality = default_quality or _benchmark_quality
        self._pool: WarmPool | None = None

    @property
    def pool(self) -> WarmPool | None:
        """The warm workers, started on first use (None when ``warm_workers`` is off)."""
        if self._pool is None and self.config.warm_workers:
            self._pool = WarmPool(self.config.workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Scorer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def quality_analyzers_for(self, task: Task) -> tuple[str, ...]:
        return self.config.quality_analyzers or self._default_quality(task)

    def score_many(
        self, tasks: Sequence[Task], completions: Sequence[str | None],
        sample_indices: Sequence[int] | None = None,
    ) -> list[Score]:
        if len(tasks) != len(completions):
            raise ValueError("tasks and completions differ in length")
        indices = list(sample_indices) if sample_indices is not None else [0] * len(tasks)
        scores = []
        for task, completion, index in zip(tasks, completions, indices, strict=True):
            code = extract_code(completion).code
            ok, error = compiles(code) if code is not None else (False, None)
            score = Score(task_id=task.id, sample_index=index, code=code, compiles=ok,
                          quality_analyzers=self.quality_analyzers_for(task), cwe=task.cwe)
            if code is not None and not ok:
                score.test_report = TestReport(status=Status.SYNTAX_ERROR, detail=error)
            scores.append(score)
        self._analyze(tasks, scores)
        if self.config.run_tests:
            self._execute(tasks, scores)
        return scores

    def score(self, task: Task, completion: str | None) -> Score:
        return self.score_many([task], [completion])[0]

    def _analyze(self, tasks: Sequence[Task], scores: list[Score]) -> None:
        names: list[str] = []
        for score in scores:
            for name in (*score.quality_analyzers, *self.config.extra_analyzers):
                if name not in names:
                    names.append(name)
        for name in names:
            wanted = [i for i, s in enumerate(scores) if s.code is not None and s.compiles and (
                name in scores[i].quality_analyzers or name in self.config.extra_analyzers)]
            if not wanted:
                continue
            programs = [Program(scores[i].code or "", f"{tasks[i].id}#{scores[i].sample_index}",
                                tasks[i].analysis_prefix) for i in wanted]
            try:
                results: list[list[Finding]] = get_analyzer(name).analyze_many(programs)
            except (AnalyzerError, OSError, ValueError) as exc:
                for i in wanted:
                    scores[i].errors.append(f"{name}: {exc}")
                continue
            for i, findings in zip(wanted, results, strict=True):
                scores[i].findings.extend(findings)

    def _execute(self, tasks: Sequence[Task], scores: list[Score]) -> None:
        todo = [i for i, s in enumerate(scores) if s.code is not None and s.compiles]
        warm = self.pool if todo else None

        def run(i: int) -> tuple[int, TestReport]:
            try:
                return i, run_tests(scores[i].code or "", tasks[i].tests, self.config.limits, warm)
            except Exception as exc:  # a scorer bug must not lose the batch
                return i, TestReport(status=Status.SANDBOX_ERROR, detail=f"{type(exc).__name__}: {exc}")

        with ThreadPoolExecutor(max_workers=self.config.workers) as threads:
            for i, report in threads.map(run, todo):
                scores[i].test_report = report


def _benchmark_quality(task: Task) -> tuple[str, ...]:
    from realcode.benchmarks.loaders import BENCHMARKS

    spec = BENCHMARKS.get(task.benchmark)
    return spec.quality_analyzers if spec else ("bandit", "mypy")


def score_many(tasks: Sequence[Task], completions: Sequence[str | None],
               config: ScoringConfig | None = None) -> list[Score]:
    """Score completions of tasks with a default ``Scorer``."""
    return Scorer(config).score_many(tasks, completions)
