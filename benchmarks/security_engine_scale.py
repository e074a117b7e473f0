"""Security engine scale: time and peak memory on generated programs of 1k, 10k and 100k lines.

The programs are ordinary code, not pathological: module constants, a class with a database
connection, and many small functions each taking input, building text, checking it and calling a
sink (about half of them vulnerable), plus one long module-level script section. Peak memory is
measured with tracemalloc (Python allocations of the analysis itself, source text excluded).

    python benchmarks/security_engine_scale.py [--lines 1000 10000 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc

from realcode.analysis.security import analyze_source
from realcode.analysis.security.context import MAX_SECONDS, MAX_WORK_UNITS

_FUNCTION = '''
def handler_{i}(conn, name, limit=10):
    """Look a record up, log it, maybe run a command."""
    query = "SELECT * FROM t{i} WHERE name = '" + name + "'" if {i} % 2 else "SELECT * FROM t{i} WHERE name = ?"
    rows = conn.execute(query, () if {i} % 2 else (name,)).fetchall()
    label = html.escape(name) if {i} % 3 else name
    if name in ALLOWED_{k}:
        subprocess.run(["echo", name])
    total = 0
    for row in rows[:limit]:
        total += len(row)
    return "<p>" + label + "</p>" if total else str(total)
'''

_HEADER = '''import html
import os
import sqlite3
import subprocess

ALLOWED_0 = {"a", "b", "c"}
'''


def generate(lines: int) -> str:
    """A program of about ``lines`` lines."""
    parts = [_HEADER]
    count = len(_HEADER.splitlines())
    i = 0
    while count < lines * 0.9:
        if i % 50 == 0:
            parts.append(f"ALLOWED_{i // 50 + 1} = {{'x{i}', 'y{i}'}}\n")
        chunk = _FUNCTION.format(i=i, k=i // 50)
        parts.append(chunk)
        count += chunk.count("\n") + (1 if i % 50 == 0 else 0)
        i += 1
    script = ["value = input()"] + [f"value_{j} = value.strip() + '{j}'" for j in range(max(1, lines - count - 2))]
    parts.append("\n".join(script) + "\nos.system('echo ' + value_0)\n")
    return "".join(parts)


def measure(lines: int) -> dict[str, float | int | str]:
    """Time from a plain run; peak memory from a second run under tracemalloc (which slows
    allocation, so its time is not the engine's)."""
    source = generate(lines)
    started = time.perf_counter()
    report = analyze_source(source)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    analyze_source(source)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rules = sorted({f.rule_id for f in report.findings})
    return {"lines": len(source.splitlines()), "chars": len(source), "seconds": round(elapsed, 2),
            "peak_mib": round(peak / 2**20, 1), "findings": len(report.findings),
            "verdict": "budget" if "security/analysis-budget" in rules else "analysed"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--json", default=None)
    ns = parser.parse_args()
    rows = [measure(n) for n in ns.lines]
    print(f"# Security engine scale (budget: {MAX_WORK_UNITS:,} work units, {MAX_SECONDS:g} s)\n")
    print("| lines | chars | seconds | peak MiB (tracemalloc) | findings | verdict |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['lines']} | {row['chars']} | {row['seconds']} | {row['peak_mib']} | {row['findings']} | "
              f"{row['verdict']} |")
    if ns.json:
        with open(ns.json, "w") as handle:
            json.dump(rows, handle, indent=2)


if __name__ == "__main__":
    main()
