"""The analyzer protocol and the batch plumbing every external tool adapter shares.

Analyzers are batch-first: ``analyze_many`` takes many programs and runs its tool once over all of
them (one mypy, one Bandit, one ruff process per batch), then maps results back per program.
Programs run after an ``analysis prefix`` (task-provided imports and globals): the tool sees
``prefix + source`` and findings inside the prefix are dropped, the rest shifted back.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from realcode.analysis.finding import Finding


@dataclass(frozen=True)
class Program:
    source: str
    path: str = "program.py"  # how findings name the program (a file path, a sample id)
    prefix: str = ""

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
    """The tool itself failed (not the program): missing binary, crash, timeout."""


class Analyzer(Protocol):
    name: str

    def version(self) -> str: ...

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]: ...


def analyze(analyzer: Analyzer, program: Program) -> list[Finding]:
    return analyzer.analyze_many([program])[0]


class BatchWorkspace:
    """A temporary directory holding each distinct program once as ``m_<digest>.py``."""

    def __init__(self, programs: Sequence[Program]) -> None:
        self.dir = tempfile.mkdtemp(prefix="realcode-analysis-")
        self.file_of: list[str] = []
        self.program_of: dict[str, list[int]] = {}
        for index, program in enumerate(programs):
            name = f"m_{program.digest[:24]}.py"
            if name not in self.program_of:
                with open(os.path.join(self.dir, name), "w", encoding="utf-8") as handle:
                    handle.write(program.full_source.encode("utf-8", "replace").decode("utf-8"))
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
        raise AnalyzerError(f"{argv[0]} not found: {exc}") from exc
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
