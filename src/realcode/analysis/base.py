"""The analyzer protocol and the batch plumbing every external tool adapter shares.

Analyzers are batch-first: ``analyze_many`` takes many programs and runs its tool once over all of
them (one mypy, one Bandit, one ruff process per batch), then maps results back per program.
Programs run after an ``analysis prefix`` (task-provided imports and globals): the tool sees
``prefix + source`` and findings inside the prefix are dropped, the rest shifted back.

One program never changes another's verdict: when a tool fails on a batch (crash, unreadable
output, timeout), ``run_isolated`` bisects the batch until it has the programs the tool fails on,
charges each of them an ``<tool>/analyzer-error`` finding, and gives every other program the
findings of a run that succeeded. The bisection only runs after a failure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from realcode.analysis.finding import Category, Finding, Severity
from realcode.scratch import scratch_dir


@dataclass(frozen=True)
class Program:
    source: str
    path: str = "program.py"  # how findings name the program (a file path, a sample id)
    prefix: str = ""
    language: str = "python"
    entry_points: tuple[str, ...] = ()  # functions the task calls from outside (its entry point)

    @property
    def full_source(self) -> str:
        return self.prefix + self.source

    @property
    def prefix_lines(self) -> int:
        return self.prefix.count("\n")

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.full_source.encode("utf-8", "replace")).hexdigest()


class AnalyzerError(RuntimeError):
    """The tool failed on a batch: crash, unreadable output, timeout."""


class ToolUnavailable(AnalyzerError):
    """The tool cannot run at all (missing binary): no program is to blame."""


ANALYZER_ERROR = "analyzer-error"  # rule id suffix of the finding a program gets when its tool fails


def is_analyzer_error(finding: Finding) -> bool:
    return finding.rule_id.endswith("/" + ANALYZER_ERROR)


class Analyzer(Protocol):
    name: str

    def version(self) -> str: ...

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]: ...


def analyze(analyzer: Analyzer, program: Program) -> list[Finding]:
    return analyzer.analyze_many([program])[0]


class BatchWorkspace:
    """A temporary directory holding each distinct program once as ``m_<digest>.py``."""

    def __init__(self, programs: Sequence[Program], render: Callable[[str], str] | None = None) -> None:
        """``render`` turns a program's text into what the tool reads (e.g. suppressions blanked)."""
        self.dir = tempfile.mkdtemp(prefix="realcode-analysis-", dir=scratch_dir())
        self.file_of: list[str] = []
        self.program_of: dict[str, list[int]] = {}
        for index, program in enumerate(programs):
            name = f"m_{program.digest[:24]}.py"
            if name not in self.program_of:
                with open(os.path.join(self.dir, name), "w", encoding="utf-8") as handle:
                    text = render(program.full_source) if render else program.full_source
                    handle.write(text.encode("utf-8", "replace").decode("utf-8"))
                self.program_of[name] = []
            self.program_of[name].append(index)
            self.file_of.append(name)
        # Tools read config files from the working directory: give them an empty one.
        self.config = os.path.join(self.dir, "empty.ini")
        with open(self.config, "w", encoding="utf-8") as handle:
            handle.write("[mypy]\n")

    @property
    def files(self) -> list[str]:
        return sorted(self.program_of)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> BatchWorkspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def run_tool(argv: list[str], cwd: str, timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    except FileNotFoundError as exc:
        raise ToolUnavailable(f"{argv[0]} not found: {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise AnalyzerError(f"{' '.join(argv[:3])} timed out after {timeout}s") from exc


def place_findings(
    programs: Sequence[Program], workspace: BatchWorkspace, by_file: dict[str, list[Finding]]
) -> list[list[Finding]]:
    """Hand each program the findings of its file, with the prefix removed."""
    out: list[list[Finding]] = []
    for program, name in zip(programs, workspace.file_of, strict=True):
        shift = program.prefix_lines
        out.append(sorted(
            (f.shifted(shift, program.path) for f in by_file.get(name, []) if f.line > shift),
            key=lambda f: (f.line, f.column, f.rule_id),
        ))
    return out


BatchRun = Callable[[Sequence[Program], float], list[list[Finding]]]
_PROBE = Program("VALUE = 1\n", "probe.py")


def run_isolated(tool: str, programs: Sequence[Program], run_batch: BatchRun, timeout: float,
                 min_timeout: float = 60.0) -> list[list[Finding]]:
    """``run_batch(programs, timeout)`` once; if it fails, find the programs it fails on.

    The tool is first tried on a trivial program: if that fails too, the tool is broken and
    ``AnalyzerError`` is raised for the batch. Otherwise the batch is halved until each failure is
    pinned on single programs. Halves get a share of the timeout proportional to their size (at
    least ``min_timeout``), so a program that hangs the tool costs about twice the batch timeout.
    """
    if not programs:
        return []
    try:
        return run_batch(programs, timeout)
    except ToolUnavailable:
        raise
    except AnalyzerError as exc:
        failure = exc
    try:
        run_batch([_PROBE], min_timeout)
    except AnalyzerError as exc:
        raise AnalyzerError(f"{tool} fails on a trivial program too: {exc}") from failure
    return _bisect(tool, programs, run_batch, timeout, min_timeout, failure)


def _bisect(tool: str, programs: Sequence[Program], run_batch: BatchRun, timeout: float,
            min_timeout: float, failure: AnalyzerError) -> list[list[Finding]]:
    if len(programs) == 1:
        return [[analyzer_error(tool, programs[0], failure)]]
    middle = len(programs) // 2
    out: list[list[Finding]] = []
    for half in (programs[:middle], programs[middle:]):
        share = max(min_timeout, timeout * len(half) / len(programs))
        try:
            out.extend(run_batch(half, share))
        except ToolUnavailable:
            raise
        except AnalyzerError as exc:
            out.extend(_bisect(tool, half, run_batch, share, min_timeout, exc))
    return out


def analyzer_error(tool: str, program: Program, failure: AnalyzerError) -> Finding:
    """The finding a program gets when ``tool`` fails on it alone: it is not clean, and no one else pays."""
    return Finding(rule_id=f"{tool}/{ANALYZER_ERROR}", analyzer=tool, category=Category.ERROR,
                   severity=Severity.HIGH, message=f"{tool} failed on this program: {str(failure)[:500]}",
                   line=1, path=program.path)
