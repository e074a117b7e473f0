"""Do calibrated time limits change any verdict of the datasets' own solutions?

Runs every solution of whole splits (SecCodePLT+ patched and vulnerable, SafeSQL and APPS+
reference) twice in the sandbox: with the fixed limits (``--timeout``/``--case-timeout``) and with
limits calibrated on each task's reference. Prints per benchmark how many verdicts (status,
function, safety, every case's status) differ, and each difference with its cases. With --busy N,
N processes spinning on the CPU run during the calibrated pass (is it stable on a loaded machine?).

    python benchmarks/calibration_check.py --data ../shared/data [--busy 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from realcode.benchmarks import Task, load_benchmark
from realcode.execution.calibration import Calibrator
from realcode.execution.limits import Limits
from realcode.execution.report import TestReport, apply_visibility
from realcode.execution.runners import run_tests
from realcode.execution.warm import WarmPool

KINDS = {"seccodeplt": ("patched", "vulnerable"), "safesql": ("reference",), "apps_plus": ("reference",)}


def verdict(report: TestReport) -> tuple[Any, ...]:
    return (report.status.value, report.function_passed, report.group_passed("safety"),
            tuple(c.status for c in report.cases))


def run_all(samples: list[tuple[Task, str]], limits: Limits, calibrator: Calibrator | None,
            workers: int) -> tuple[list[TestReport], float]:
    pool = WarmPool(workers)

    def one(sample: tuple[Task, str]) -> TestReport:
        task, program = sample
        task_limits = limits
        if calibrator is not None:
            task_limits = calibrator.limits_for(task.tests, task.solutions.get("reference"), limits, pool)
        return apply_visibility(run_tests(program, task.tests, task_limits, pool), task.tests)

    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(workers) as threads:
            reports = list(threads.map(one, samples))
    finally:
        pool.close()
    return reports, time.perf_counter() - started


def measure_all(tasks: list[Task], calibrator: Calibrator, limits: Limits, workers: int) -> None:
    """Measure (or read) every task's reference before either pass."""
    pool = WarmPool(workers)
    try:
        with ThreadPoolExecutor(workers) as threads:
            list(threads.map(lambda t: calibrator.timing(t.tests, t.solutions.get("reference"), limits, pool),
                             tasks))
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("REALCODE_DATA_DIR", "../shared/data"))
    parser.add_argument("--benchmarks", default=",".join(KINDS))
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--case-timeout", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--time-floor", type=float, default=Limits().time_floor_s,
                        help="smallest calibrated case limit in seconds")
    parser.add_argument("--busy", type=int, default=0, help="CPU-spinning processes during the calibrated pass")
    parser.add_argument("--calibration-cache", help="default ~/.cache/realcode/calibration")
    parser.add_argument("--limit", type=int, help="only the first N tasks per benchmark")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    limits = Limits(wall_s=args.timeout, case_timeout_s=args.case_timeout, time_floor_s=args.time_floor)
    fixed = dataclasses.replace(limits, calibrate=False)
    calibrator = Calibrator(args.calibration_cache)
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; fixed: wall {args.timeout:g}s, case "
          f"{args.case_timeout:g}s; calibrated: x{limits.time_factor:g}, floor {limits.time_floor_s:g}s; "
          f"busy processes during the calibrated pass: {args.busy}")
    print(f"{'benchmark':<12}{'solutions':>10}{'fixed s':>9}{'calibrated s':>14}{'changed':>9}"
          f"{'timeouts fixed':>16}{'timeouts calibrated':>21}{'function passed':>17}")
    for name in args.benchmarks.split(","):
        tasks = load_benchmark(name, args.data).tasks[: args.limit]
        samples = [(t, t.solutions[k]) for t in tasks for k in KINDS[name] if k in t.solutions and t.has_tests]
        measure_all(tasks, calibrator, limits, args.workers)
        plain, plain_s = run_all(samples, fixed, None, args.workers)
        spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
        try:
            tight, tight_s = run_all(samples, limits, calibrator, args.workers)
        finally:
            for spinner in spinners:
                spinner.kill()
                spinner.wait()
        changed = [i for i in range(len(samples)) if verdict(plain[i]) != verdict(tight[i])]
        timeouts = [sum(c.status == "timeout" for r in reports for c in r.cases) for reports in (plain, tight)]
        passed = sum(r.function_passed for r in tight)
        print(f"{name:<12}{len(samples):>10}{plain_s:9.1f}{tight_s:14.1f}{len(changed):>9}"
              f"{timeouts[0]:>16}{timeouts[1]:>21}{passed:>17}")
        for i in changed:
            task, _ = samples[i]
            print(f"  {task.id} ({next(k for k in KINDS[name] if task.solutions.get(k) == samples[i][1])}): "
                  f"fixed {verdict(plain[i])[:3]} {plain[i].detail!r}; calibrated {verdict(tight[i])[:3]} "
                  f"{tight[i].detail!r}; limits {tight[i].limits}")


if __name__ == "__main__":
    main()
