"""Turn (task, completion) pairs into Scores: extract, compile, analyze in batch, test in the sandbox."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from typing import Any

from realcode.analysis.base import AnalyzerError, Program, is_analyzer_error
from realcode.analysis.finding import Finding
from realcode.analysis.registry import get_analyzer
from realcode.benchmarks.programs import task_program
from realcode.benchmarks.task import Task
from realcode.execution.calibration import Calibrator, ReferenceTiming, calibrated_limits
from realcode.execution.limits import Limits
from realcode.execution.report import Status, TestReport, apply_visibility
from realcode.execution.runners import run_tests
from realcode.execution.suites import CallSuite, PythonSuite, StdioSuite, TestSuite
from realcode.execution.warm import WarmPool
from realcode.scoring.cache import ScoreCache, score_key
from realcode.scoring.score import ERROR_ANALYZERS, Score


def compiles(code: str) -> tuple[bool, str | None]:
    """Does the program compile? Never raises, whatever the text (deep nesting, NUL bytes).

    A real compile to bytecode (of the text only; nothing runs): parsing is not enough, since a
    duplicate parameter, ``yield``/``nonlocal`` at module level or ``return`` outside a function
    parse, fail at load time, and would stop a batched analyzer for every other sample."""
    try:
        compile(code, "solution.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, None


@dataclass
class ScoringConfig:
    quality_analyzers: tuple[str, ...] | None = None  # None: the benchmark's default
    extra_analyzers: tuple[str, ...] = ERROR_ANALYZERS  # run too, for the error-free rate
    limits: Limits = field(default_factory=Limits)
    # Sandbox runs wait (starting, on their children, on a hanging case's limit): on 2 cores, mixed
    # batches scored 5-15% faster with 4 workers a core than with 3, and no faster with 5-6.
    workers: int = max(os.cpu_count() or 1, 1) * 4
    run_tests: bool = True
    warm_workers: bool = True  # fork runs from pre-started workers instead of cold interpreters
    cache_path: str | None = None  # SQLite file of scores by content; None: no persistent cache
    batch_deadline_s: float | None = None  # past it, unfinished samples are marked and returned
    max_program_chars: int = 1 << 20  # larger programs fail as too_large, unanalysed and unrun
    backend: str = "local"  # "ray": spread batches over a Ray cluster (realcode.scoring.distributed)
    # reference timings for calibrated limits (Limits.calibrate): None ~/.cache/realcode/calibration,
    # "" in memory only
    calibration_cache: str | None = None
    # modules the warm workers import once: each fork from a worker then copies them. sqlite3
    # (every SafeSQL program; ~2.5 ms a run otherwise) has no fork handlers; a module with fork
    # handlers (numpy's OpenBLAS) makes every fork ~3x slower, so ("numpy",) pays off only where
    # most programs import it
    preload: tuple[str, ...] = ("sqlite3",)
    ray_address: str | None = None


class Scorer:
    """Batch scorer. ``score_many`` never raises for anything a completion contains."""

    def __init__(self, config: ScoringConfig | None = None,
                 default_quality: Callable[[Task], tuple[str, ...]] | None = None) -> None:
        self.config = config or ScoringConfig()
        self._default_quality = default_quality or _benchmark_quality
        self._pool: WarmPool | None = None
        self._execution_s = 0.0
        self._versions: dict[str, str] = {}
        self.cache = ScoreCache(self.config.cache_path) if self.config.cache_path else None
        self.calibrator = Calibrator(self.config.calibration_cache)
        # seconds spent by the last local batch: analysis, test runs (overlapping) and all of it
        self.last_timing: dict[str, float] = {}
        self._ray: Any = None  # a RayScorer, created on first use
        if self.config.backend not in ("local", "ray"):
            raise ValueError(f"unknown scoring backend {self.config.backend!r} (local or ray)")

    @property
    def pool(self) -> WarmPool | None:
        """The warm workers, started on first use (None when ``warm_workers`` is off)."""
        if self._pool is None and self.config.warm_workers:
            self._pool = WarmPool(self.config.workers, preload=self.config.preload)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if getattr(self, "_ray", None) is not None:
            self._ray.close()
            self._ray = None
        if getattr(self, "cache", None) is not None:
            assert self.cache is not None
            self.cache.close()
            self.cache = None

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
        """One Score per (task, completion). Identical programs for the same task are scored once
        per batch, and once ever with a cache."""
        if len(tasks) != len(completions):
            raise ValueError("tasks and completions differ in length")
        if self.config.backend == "ray":
            if self._ray is None:
                from realcode.scoring.distributed import RayScorer

                self._ray = RayScorer(self.config, self.config.ray_address)
            scores: list[Score] = self._ray.score_many(tasks, completions, sample_indices)
            return scores
        indices = list(sample_indices) if sample_indices is not None else [0] * len(tasks)
        scores = []
        for task, completion, index in zip(tasks, completions, indices, strict=True):
            code = task_program(task, completion)
            too_large = code is not None and len(code) > self.config.max_program_chars
            # Only Python is compiled here; other languages' programs are analyzed as text.
            ok, error = (compiles(code) if task.language == "python" else (True, None)) \
                if code is not None and not too_large else (False, None)
            score = Score(task_id=task.id, sample_index=index, code=code, compiles=ok,
                          quality_analyzers=self.quality_analyzers_for(task), cwe=task.cwe,
                          language=task.language)
            if too_large:  # refused before any analyzer or run: bounded cost for the batch
                score.test_report = TestReport(
                    status=Status.TOO_LARGE,
                    detail=f"program of {len(code or '')} characters exceeds the limit of "
                           f"{self.config.max_program_chars}")
            elif code is not None and not ok:
                score.test_report = TestReport(status=Status.SYNTAX_ERROR, detail=error)
            scores.append(score)
        keys = [self._key(task, score) for task, score in zip(tasks, scores, strict=True)]
        first_of: dict[str, int] = {}
        for i, key in enumerate(keys):
            first_of.setdefault(key, i)
        cached = self.cache.get_many(first_of) if self.cache is not None else {}
        todo = [i for key, i in first_of.items() if key not in cached]
        fresh, fresh_tasks = [scores[i] for i in todo], [tasks[i] for i in todo]
        # Test runs (sandbox processes, mostly waiting) go on in the background while the
        # analyzers work through the batch: the batch takes the longer of the two, not their sum.
        execution: Future[None] | None = None
        coordinator = ThreadPoolExecutor(max_workers=1) if self.config.run_tests else None
        if coordinator is not None:
            deadline = (time.monotonic() + self.config.batch_deadline_s
                        if self.config.batch_deadline_s is not None else None)
            execution = coordinator.submit(self._execute, fresh_tasks, fresh, deadline)
        started = time.monotonic()
        try:
            with _responsive_threads():
                try:
                    self._analyze(fresh_tasks, fresh)
                    analysis_s = time.monotonic() - started
                finally:
                    if coordinator is not None and execution is not None:
                        execution.result()
        finally:
            if coordinator is not None:
                coordinator.shutdown()
        self.last_timing = {"analysis_s": analysis_s,
                            "execution_s": self._execution_s if execution is not None else 0.0,
                            "total_s": time.monotonic() - started}
        done = {keys[i]: scores[i] for i in todo}
        if self.cache is not None:
            # no program text in the cache: entries are keyed by its hash, and a sample's own
            # text is put back on resolve
            self.cache.put_many({key: {**score.to_dict(), "code": None} for key, score in done.items()
                                 if not _transient(score)})
        return [self._resolve(scores[i], keys[i], done, cached) for i in range(len(scores))]

    def _resolve(self, own: Score, key: str, done: dict[str, Score],
                 cached: dict[str, dict[str, object]]) -> Score:
        """This sample's Score: its own, or a copy of the one computed or cached for its key."""
        source = done.get(key)
        if source is own:
            return own
        template = Score.from_dict(dict(cached[key])) if source is None else source
        return dataclasses.replace(template, task_id=own.task_id, sample_index=own.sample_index,
                                   code=own.code, cwe=own.cwe, findings=list(template.findings),
                                   errors=list(template.errors))

    def _key(self, task: Task, score: Score) -> str:
        names = self._analyzer_names(score)
        return score_key(task, score.code, names, [self._version(n) for n in names],
                         score.quality_analyzers, self.config.limits, self.config.run_tests)

    def _analyzer_names(self, score: Score) -> list[str]:
        return list(dict.fromkeys((*score.quality_analyzers, *self.config.extra_analyzers)))

    def _version(self, name: str) -> str:
        if name not in self._versions:
            try:
                self._versions[name] = get_analyzer(name).version()
            except ValueError:
                self._versions[name] = "unknown"
        return self._versions[name]

    def score(self, task: Task, completion: str | None) -> Score:
        return self.score_many([task], [completion])[0]

    def _analyze(self, tasks: Sequence[Task], scores: list[Score]) -> None:
        names = list(dict.fromkeys(n for score in scores for n in self._analyzer_names(score)))
        for name in names:
            analyzer = get_analyzer(name)
            # Analyzers say which languages they read (default Python) and whether they read
            # text that does not compile (CyberSecEval's fragments: the icd's regex/Semgrep rules).
            languages = getattr(analyzer, "languages", ("python",))
            text_level = bool(getattr(analyzer, "text_level", False))
            wanted = [i for i, s in enumerate(scores)
                      if s.code is not None and (s.compiles or text_level)
                      and tasks[i].language in languages and name in self._analyzer_names(s)]
            if not wanted:
                continue
            programs = [Program(scores[i].code or "", f"{tasks[i].id}#{scores[i].sample_index}",
                                tasks[i].analysis_prefix, tasks[i].language, _entry_points(tasks[i]))
                        for i in wanted]
            try:
                results: list[list[Finding]] = analyzer.analyze_many(programs)
            except (AnalyzerError, OSError, ValueError) as exc:
                for i in wanted:
                    scores[i].errors.append(f"{name}: {exc}")
                continue
            for i, findings in zip(wanted, results, strict=True):
                scores[i].findings.extend(findings)
                # The tool failed on this program alone (the others got their verdicts): charge it.
                scores[i].errors.extend(f"{name}: {f.message}" for f in findings if is_analyzer_error(f))

    def _execute(self, tasks: Sequence[Task], scores: list[Score], deadline: float | None) -> None:
        """Run every runnable sample's tests: each task's limits calibrated first (its reference
        measured once, cached), then the samples longest-expected-first, so that the slowest
        ones do not start last and stretch the batch."""
        started = time.monotonic()
        try:
            self._execute_all(tasks, scores, deadline)
        finally:
            self._execution_s = time.monotonic() - started

    def _execute_all(self, tasks: Sequence[Task], scores: list[Score], deadline: float | None) -> None:
        todo = [i for i, s in enumerate(scores) if s.code is not None and s.compiles
                and tasks[i].language == "python" and tasks[i].has_tests]
        if not todo:
            return
        warm = self.pool
        threads = ThreadPoolExecutor(max_workers=self.config.workers)
        limits = self.config.limits

        def calibrate(task: Task) -> tuple[Limits, ReferenceTiming | None]:
            try:
                timing = self.calibrator.timing(task.tests, task.solutions.get("reference"), limits, warm)
            except Exception:  # a failed measurement only costs the tighter limits
                timing = None
            return calibrated_limits(limits, timing), timing

        def run(i: int, task_limits: Limits) -> tuple[int, TestReport]:
            try:
                report = run_tests(scores[i].code or "", tasks[i].tests, task_limits, warm)
                return i, apply_visibility(report, tasks[i].tests)  # hidden cases decide
            except Exception as exc:  # a scorer bug must not lose the batch
                return i, TestReport(status=Status.SANDBOX_ERROR, detail=f"{type(exc).__name__}: {exc}")

        def left() -> float | None:
            return None if deadline is None else max(deadline - time.monotonic(), 0.0)

        try:
            by_suite: dict[str, Future[tuple[Limits, ReferenceTiming | None]]] = {}
            suite_of: dict[int, str] = {}
            for i in todo:
                key = Calibrator.key(tasks[i].tests, tasks[i].solutions.get("reference") or "", limits)
                suite_of[i] = key
                if key not in by_suite:
                    by_suite[key] = threads.submit(calibrate, tasks[i])
            for _ in as_completed(by_suite.values(), timeout=left()):
                pass
            plans = {i: by_suite[suite_of[i]].result() for i in todo}
            order = sorted(todo, key=lambda i: expected_cost(tasks[i].tests, *plans[i]), reverse=True)
            futures = [threads.submit(run, i, plans[i][0]) for i in order]
            for future in as_completed(futures, timeout=left()):
                i, report = future.result()
                scores[i].test_report = report
        except FuturesTimeout:
            for i in todo:
                if scores[i].test_report is None:
                    scores[i].test_report = TestReport(status=Status.TIMEOUT,
                                                       detail="the batch deadline passed first")
                    scores[i].errors.append("scorer: batch deadline reached before this sample ran")
        finally:
            threads.shutdown(wait=False, cancel_futures=True)


def expected_cost(suite: TestSuite, limits: Limits,
                  timing: ReferenceTiming | None) -> tuple[float, float, int]:
    """How long a sample of this task can take (hanging in every case: the cases up to each
    group's allowed timeouts, within the wall), then how long it takes when it behaves like the
    reference, then its case count: the order of the longest-first schedule."""
    cases = max(len(timing.seconds) if timing else (
        len(suite.cases) if isinstance(suite, (StdioSuite, CallSuite)) else 1), 1)
    hanging = cases
    if limits.group_timeouts:
        groups = len(suite.groups) if isinstance(suite, PythonSuite) else 1
        hanging = min(cases, groups * limits.group_timeouts)
    worst = min(limits.wall_s, sum(limits.case_limit(i) for i in range(hanging)))
    return worst, timing.total_s if timing else 0.0, cases


def _transient(score: Score) -> bool:
    """Outcomes of the scorer's circumstances, not of the program: never cached."""
    if score.errors:
        return True
    report = score.test_report
    return report is not None and report.status is Status.SANDBOX_ERROR


def _benchmark_quality(task: Task) -> tuple[str, ...]:
    from realcode.benchmarks.loaders import BENCHMARKS

    spec = BENCHMARKS.get(task.benchmark)
    return spec.quality_analyzers if spec else ("bandit", "mypy")


_SWITCH_LOCK = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextlib.contextmanager
def _responsive_threads(interval_s: float = 0.0005) -> Iterator[None]:
    """While batches are scored, hand the interpreter lock over every ``interval_s`` instead of
    every 5 ms: the analyzers hold it for seconds, and each run's thread needs it to notice that
    its program printed, ended or must be killed (and to start the next run). Restored when the
    last batch in flight ends."""
    global _switch_users, _switch_saved
    with _SWITCH_LOCK:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(interval_s, _switch_saved))
        _switch_users += 1
    try:
        yield
    finally:
        with _SWITCH_LOCK:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


def score_many(tasks: Sequence[Task], completions: Sequence[str | None],
               config: ScoringConfig | None = None) -> list[Score]:
    """Score completions of tasks with a default ``Scorer``."""
    return Scorer(config).score_many(tasks, completions)


def _entry_points(task: Task) -> tuple[str, ...]:
    """What the task calls from outside: its entry point and the function its tests call."""
    names = {task.entry_point, getattr(task.tests, "fn_name", None)}
    return tuple(sorted(n for n in names if n))
