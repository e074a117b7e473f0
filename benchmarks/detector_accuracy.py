"""Detector accuracy: realcode's security engine against Bandit (and optionally mypy), side by side.

Labeled sets (see ``realcode.analysis.security.labeled``): SecCodePLT+ train pairs, SafeSQL train
programs with the safe twins written for them, and the starter benchmark's pairs. For each
analyzer, per CWE and overall: recall on vulnerable programs, false-positive rate on safe ones,
pair accuracy (the vulnerable variant flagged and its safe twin clean) and time per program.
A program counts as flagged when the analyzer reports any security finding on the program itself
(the task's setup prefix is analysed along but its findings are not the program's).

Then a mutation run: every labeled program with its functions and variables renamed, reanalysed
by our engine; any verdict that changes is listed.

    python benchmarks/detector_accuracy.py --data ../shared/data [--analyzers security,bandit,mypy]
        [--sets seccodeplt,safesql,starter] [--json OUT] [--no-mutation]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from realcode.analysis import Program, get_analyzer
from realcode.analysis.finding import Category, Finding
from realcode.analysis.security.labeled import (
    LabeledProgram,
    rename_identifiers,
    safesql_programs,
    seccodeplt_pairs,
    starter_pairs,
)


@dataclass
class Tally:
    vulnerable: int = 0
    caught: int = 0
    safe: int = 0
    false_alarms: int = 0
    pairs: int = 0
    pairs_right: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> dict[str, float | int | None]:
        return {
            "vulnerable": self.vulnerable, "recall": _ratio(self.caught, self.vulnerable),
            "safe": self.safe, "fpr": _ratio(self.false_alarms, self.safe),
            "pairs": self.pairs, "pair_accuracy": _ratio(self.pairs_right, self.pairs),
        }


@dataclass
class Run:
    analyzer: str
    flagged: list[bool]
    seconds: float
    per_program_ms: list[float] = field(default_factory=list)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _is_flag(finding: Finding, analyzer: str) -> bool:
    return analyzer == "mypy" or finding.category == Category.SECURITY


def run_analyzer(name: str, programs: Sequence[LabeledProgram]) -> Run:
    analyzer = get_analyzer(name)
    inputs = [Program(p.source, path=f"{p.set_name}-{p.item_id}.py", prefix=p.prefix) for p in programs]
    if name == "security":  # in-process: time each program on its own
        flagged, times = [], []
        for program in inputs:
            start = time.perf_counter()
            findings = analyzer.analyze_many([program])[0]
            times.append((time.perf_counter() - start) * 1000)
            flagged.append(any(_is_flag(f, name) for f in findings))
        return Run(name, flagged, sum(times) / 1000, times)
    start = time.perf_counter()
    results = analyzer.analyze_many(inputs)  # one tool process per batch, as the scorer runs it
    seconds = time.perf_counter() - start
    return Run(name, [any(_is_flag(f, name) for f in found) for found in results], seconds)


def tally(programs: Sequence[LabeledProgram], flagged: Sequence[bool]) -> dict[str, dict[str, Tally]]:
    """set -> cwe -> Tally; pairs match a vulnerable program with the safe ones of its row."""
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    rows: dict[tuple[str, str], list[tuple[LabeledProgram, bool]]] = defaultdict(list)
    for program, flag in zip(programs, flagged, strict=True):
        t = out[program.set_name][str(program.cwe)]
        if program.vulnerable:
            t.vulnerable += 1
            t.caught += flag
        else:
            t.safe += 1
            t.false_alarms += flag
        rows[(program.set_name, program.item_id)].append((program, flag))
    for (set_name, _), members in rows.items():
        bad = [flag for p, flag in members if p.vulnerable]
        good = [flag for p, flag in members if not p.vulnerable]
        if bad and good:
            t = out[set_name][str(members[0][0].cwe)]
            t.pairs += 1
            t.pairs_right += all(bad) and not any(good)
    return out


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "  -  "
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_tables(programs: Sequence[LabeledProgram], runs: Sequence[Run]) -> dict[str, object]:
    report: dict[str, object] = {}
    tallies = {run.analyzer: tally(programs, run.flagged) for run in runs}
    sets = sorted({p.set_name for p in programs}, key=["seccodeplt", "safesql", "starter"].index)
    for set_name in sets:
        count = sum(p.set_name == set_name for p in programs)
        print(f"\n## {set_name} ({count} programs)\n")
        header = "| CWE | vuln | safe | pairs |" + "".join(
            f" {r.analyzer} recall | {r.analyzer} FPR | {r.analyzer} pair acc |" for r in runs)
        print(header)
        print("|" + " --- |" * (header.count("|") - 1))
        cwes = sorted(tallies[runs[0].analyzer][set_name], key=int)
        for cwe in [*cwes, "all"]:
            cells = []
            first = None
            for run in runs:
                by_cwe = tallies[run.analyzer][set_name]
                if cwe == "all":
                    t = Tally()
                    for part in by_cwe.values():
                        t.add(part)
                else:
                    t = by_cwe[cwe]
                row = t.row()
                first = first or row
                cells.append(f" {_fmt(row['recall'])} | {_fmt(row['fpr'])} | {_fmt(row['pair_accuracy'])} |")
                report.setdefault(run.analyzer, {}).setdefault(set_name, {})[cwe] = row  # type: ignore[union-attr]
            assert first is not None
            label = "**all**" if cwe == "all" else cwe
            print(f"| {label} | {first['vulnerable']} | {first['safe']} | {first['pairs']} |" + "".join(cells))
    print("\n## time per program\n")
    print("| analyzer | programs | total s | mean ms | median ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for run in runs:
        n = len(run.flagged)
        times = sorted(run.per_program_ms)
        if times:
            median, p95, top = statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]
            cells = f"{median:.2f} | {p95:.2f} | {top:.2f}"
        else:
            cells = "(one batch) | - | -"
        print(f"| {run.analyzer} | {n} | {run.seconds:.1f} | {1000 * run.seconds / max(n, 1):.2f} | {cells} |")
        report.setdefault(run.analyzer, {})["timing"] = {  # type: ignore[union-attr]
            "programs": n, "seconds": run.seconds,
            "median_ms": statistics.median(times) if times else None}
    return report


def mutation_check(programs: Sequence[LabeledProgram], original: Run) -> list[str]:
    """Rename identifiers (prefix and program consistently) and compare verdicts."""
    renamed = []
    for program in programs:
        prefix, source = rename_identifiers(program.prefix, program.source, seed=7)
        renamed.append(LabeledProgram(program.set_name, program.item_id, program.cwe, program.vulnerable,
                                      source, prefix, program.origin))
    again = run_analyzer("security", renamed)
    return [f"{p.set_name} {p.item_id} {'vulnerable' if p.vulnerable else 'safe'} CWE-{p.cwe}: "
            f"{before} -> {after}"
            for p, before, after in zip(programs, original.flagged, again.flagged, strict=True) if before != after]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data", help="folder with seccodeplt/ and safesql/")
    parser.add_argument("--analyzers", default="security,bandit")
    parser.add_argument("--sets", default="seccodeplt,safesql,starter")
    parser.add_argument("--json", help="also write the numbers as JSON here")
    parser.add_argument("--no-mutation", action="store_true")
    args = parser.parse_args(argv)
    data = Path(args.data)
    builders = {"seccodeplt": lambda: seccodeplt_pairs(data), "safesql": lambda: safesql_programs(data),
                "starter": starter_pairs}
    programs: list[LabeledProgram] = []
    for name in args.sets.split(","):
        try:
            programs += list(builders[name.strip()]())
        except FileNotFoundError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
    reviewed = sum(p.origin == "dataset-reviewed" for p in programs)
    twins = sum(p.origin == "twin" for p in programs)
    print(f"# Detector accuracy on {len(programs)} labeled programs "
          f"({twins} SafeSQL safe twins written here, {reviewed} SafeSQL labels adjudicated by review)")
    runs = [run_analyzer(name.strip(), programs) for name in args.analyzers.split(",")]
    report = print_tables(programs, runs)
    security = next((r for r in runs if r.analyzer == "security"), None)
    if security is not None and not args.no_mutation:
        changed = mutation_check(programs, security)
        print(f"\n## mutation (functions and variables renamed): {len(changed)} of {len(programs)} verdicts changed")
        for line in changed[:20]:
            print(f"- {line}")
        report["mutation_changed"] = changed
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
