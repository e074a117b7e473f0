"""The taint engine behind the ``Analyzer`` protocol: in-process, no tool to launch."""

from __future__ import annotations

from collections.abc import Sequence

from realcode import __version__
from realcode.analysis.base import Program
from realcode.analysis.finding import Finding
from realcode.analysis.security.engine import analyze_source


class SecurityAnalyzer:
    """Findings for programs analysed together with their task prefix (setup code, globals).

    The prefix gives the engine the module's constants (templates, allow-lists) and imports;
    findings located in the prefix itself are dropped, the rest shifted back to the program.
    """

    name = "security"

    def version(self) -> str:
        return f"realcode-security {__version__}"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        out: list[list[Finding]] = []
        cache: dict[str, list[Finding]] = {}
        for program in programs:
            key = f"{program.digest}\0{','.join(program.entry_points)}"
            if key not in cache:
                cache[key] = analyze_source(program.full_source, program.path,
                                            entry_points=program.entry_points).findings
            shift = program.prefix_lines
            out.append([f.shifted(shift, program.path) for f in cache[key] if f.line > shift])
        return out
