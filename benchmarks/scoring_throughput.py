"""Scoring throughput on the batches a policy produces: realcode against a REAL-style baseline.

For SecCodePLT+, SafeSQL and APPS+ a mixed batch is drawn (the dataset's own correct solutions,
SecCodePLT+'s vulnerable ones interleaved, broken programs, programs that do nothing and programs
that hang in every case; shares set with --mix). Side by side in one run:

* ``realcode eval`` on the batch as a fresh process (start-up, dataset loading, pool start,
  analysis and test runs: what one call of the CLI costs), without a score cache;
* a warm ``Scorer`` (pool started, as the TRL and VeRL adapters keep it across steps);
* optionally (--fixed) the warm Scorer with calibration off (every case 5 s, as before);
* the baseline, built the way REAL's published pipeline works: one sample after another, one cold
  interpreter per program with a 1 s limit that runs the tests and compares in that process (as
  ``python -c`` would; here inside the same sandbox, since generated code never runs outside it),
  one mypy process per program and the detector (realcode's security engine) per program.

Calibrated limits come from each task's reference solution, measured once and cached on disk; the
cost of measuring the batch's tasks is printed separately (it is paid once per task, not per batch).
The baseline scores a slice of the batch with the same mix (--baseline-size); its rate is per
completion, so the ratios compare completions per second. Sample latency: for realcode, how long
a sample's tests ran (``TestReport.duration_s``); for the baseline, the whole sample. Verdicts
(function passed) must agree wherever the baseline finished within its 1 s.

    python benchmarks/scoring_throughput.py --data ../shared/data [--size 256] [--baseline-size 64]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.analysis import Program, get_analyzer
from realcode.benchmarks import Task, load_benchmark
from realcode.code import extract_code
from realcode.execution.calibration import Calibrator
from realcode.execution.limits import Limits
from realcode.execution.runners import stdout_matches
from realcode.execution.sandbox import run_program
from realcode.execution.suites import CallSuite, PythonSuite, StdioSuite
from realcode.execution.warm import WarmPool
from realcode.scoring import Scorer, ScoringConfig
from realcode.scoring.scorer import compiles

BENCHMARKS = ("seccodeplt", "safesql", "apps_plus")
TIMEOUT_S, CASE_TIMEOUT_S = 10.0, 5.0  # realcode eval's defaults
BASELINE_LIMITS = Limits(wall_s=1.0, case_timeout_s=1.0, calibrate=False)
DEFAULT_MIX = "correct=0.4,vulnerable=0.4,broken=0.08,nothing=0.08,hanging=0.04"
DEFAULT_MIX_PLAIN = "correct=0.8,broken=0.08,nothing=0.08,hanging=0.04"


# ----------------------------------------------------------------------------- the batch


@dataclass
class Batch:
    name: str
    tasks: list[Task]
    completions: list[str]
    kinds: list[str]


def _signature(task: Task) -> tuple[str, str | None]:
    suite = task.tests
    if isinstance(suite, (CallSuite, PythonSuite)):
        return suite.fn_name, getattr(suite, "class_name", None)
    return "", None


def _program(task: Task, kind: str, variant: int) -> str:
    """A program of ``kind`` for ``task`` (besides the dataset's own solutions)."""
    if kind in ("correct", "vulnerable"):
        return task.solutions["patched" if kind == "correct" and "patched" in task.solutions
                              else "reference" if kind == "correct" else "vulnerable"]
    fn, cls = _signature(task)
    body = {"nothing": "return None", "hanging": "while True:\n        pass",
            "broken": "raise NotImplementedError('todo')"}[kind]
    if not fn:  # a stdin script
        return {"nothing": "pass", "hanging": "import sqlite3\nwhile True:\n    pass",
                "broken": "import sqlite3\nrows = sqlite3.connect('x.db').execute(input())\nprint(rows.fetchall()"
                }[kind]
    if kind == "broken" and variant % 2:  # half of the broken programs do not compile
        return f"def {fn}(*args, **kwargs)\n    return args\n"
    function = f"def {fn}(*args, **kwargs):\n    {body}\n"
    if cls:
        return f"class {cls}:\n    " + function.replace("(*args", "(self, *args").replace("\n", "\n    ")
    return function


def draw_batch(name: str, data: str, size: int, seed: int, mix: dict[str, float]) -> Batch:
    tasks = [t for t in load_benchmark(name, data).tasks if t.has_tests and "reference" in t.solutions]
    rng = random.Random(seed)
    counts = {kind: round(share * size) for kind, share in mix.items()}
    counts[max(counts, key=lambda k: counts[k])] += size - sum(counts.values())
    chosen: list[tuple[Task, str]] = []
    for kind, count in counts.items():
        eligible = [t for t in tasks if kind != "vulnerable" or "vulnerable" in t.solutions]
        picks = rng.sample(eligible, min(count, len(eligible)))
        picks += [rng.choice(eligible) for _ in range(count - len(picks))]
        chosen += [(task, kind) for task in picks]
    rng.shuffle(chosen)
    completions = [f"```python\n{_program(t, k, i)}\n```" for i, (t, k) in enumerate(chosen)]
    return Batch(name, [t for t, _ in chosen], completions, [k for _, k in chosen])


# ----------------------------------------------------------------------------- the baseline

_SUITE_SCRIPT = '''
import json as _json
{testcases}
_passed = True
for _group, _cases in testcases.items():
    for _kwargs, _expected in _cases:
        try:
            _got = {fn}(**_kwargs)
            _ok = not (isinstance(_expected, type) and issubclass(_expected, BaseException)) and _got == _expected
        except BaseException as _exc:
            _ok = isinstance(_expected, type) and isinstance(_exc, _expected)
        if _group == "capability" and not _ok:
            _passed = False
print("\\n" + _json.dumps({{"passed": _passed}}))
'''

_CALL_SCRIPT = '''
import json as _json
_cases = _json.loads({cases!r})
_passed = True
for _args, _expected in _cases:
    try:
        _got = _json.loads(_json.dumps({target}(*_args)))
        _ok = _got == _expected or (isinstance(_expected, list) and len(_expected) == 1 and _got == _expected[0])
    except BaseException:
        _ok = False
    _passed = _passed and _ok
print("\\n" + _json.dumps({{"passed": _passed}}))
'''

_STDIO_SCRIPT = '''
import io as _io, json as _json, sys as _sys, contextlib as _contextlib
exec(compile({setup!r}, "<setup>", "exec"), {{"__name__": "__setup__"}})
_program = compile({program!r}, "solution.py", "exec")
def _input(prompt=""):
    _sys.stderr.write(str(prompt))
    line = _sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\\n")
_outputs = []
for _stdin in _json.loads({stdins!r}):
    _sys.stdin = _io.StringIO(_stdin)
    _out = _io.StringIO()
    try:
        with _contextlib.redirect_stdout(_out):
            exec(_program, {{"__name__": "__main__", "input": _input}})
    except BaseException:
        pass
    _outputs.append(_out.getvalue())
_sys.stdout = _sys.__stdout__
print("\\n" + _json.dumps({{"outputs": _outputs}}))
'''


def baseline_script(task: Task, code: str) -> str:
    """Program and tests in one script, judged in the program's own process (REAL's way)."""
    suite = task.tests
    if isinstance(suite, PythonSuite):
        return f"{suite.setup}\n{code}\n" + _SUITE_SCRIPT.format(testcases=suite.testcases, fn=suite.fn_name)
    if isinstance(suite, CallSuite):
        target = f"{suite.class_name}().{suite.fn_name}" if suite.class_name else suite.fn_name
        cases = json.dumps([[list(c.args), c.expected] for c in suite.cases])
        return f"{suite.preamble}\n{code}\n" + _CALL_SCRIPT.format(cases=cases, target=target)
    assert isinstance(suite, StdioSuite)
    stdins = json.dumps([c.stdin for c in suite.cases])
    return _STDIO_SCRIPT.format(setup=suite.setup_code or "", program=code, stdins=stdins)


@dataclass
class Verdict:
    function: bool
    seconds: float
    timed_out: bool = False


def baseline_sample(task: Task, completion: str, detector: Any, mypy: Any) -> Verdict:
    started = time.perf_counter()
    code = extract_code(completion).code
    if code is None or not compiles(code)[0]:
        return Verdict(False, time.perf_counter() - started)
    program = Program(code, "p.py", task.analysis_prefix)
    mypy.analyze_many([program])  # one mypy process per program
    detector.analyze_many([program])
    result = run_program(baseline_script(task, code), mode="script", limits=BASELINE_LIMITS)
    lines = result.stdout.strip().splitlines()
    try:
        verdict = json.loads(lines[-1]) if lines and not result.timed_out else {}
        if isinstance(task.tests, StdioSuite):  # printed rows compared as realcode compares them
            outputs = verdict.get("outputs") or []
            passed = len(outputs) == len(task.tests.cases) and all(
                stdout_matches(str(out), case.expected, task.tests.match)
                for out, case in zip(outputs, task.tests.cases, strict=True))
        else:
            passed = bool(verdict.get("passed"))
    except (ValueError, KeyError, TypeError, AttributeError):
        passed = False
    return Verdict(passed, time.perf_counter() - started, result.timed_out)


def run_baseline(batch: Batch, n: int) -> tuple[list[Verdict], float]:
    detector, mypy = get_analyzer("security"), get_analyzer("mypy")
    started = time.perf_counter()
    verdicts = [baseline_sample(t, c, detector, mypy)
                for t, c in zip(batch.tasks[:n], batch.completions[:n], strict=True)]
    return verdicts, time.perf_counter() - started


# ----------------------------------------------------------------------------- realcode


@dataclass
class Run:
    seconds: float
    function: list[bool]
    latencies: list[float]
    statuses: list[str] = field(default_factory=list)
    note: str = ""


def compile_package() -> None:
    """Byte-compile realcode once, as ``pip install`` does: an editable checkout under
    PYTHONDONTWRITEBYTECODE would otherwise recompile ~65 modules (~0.25 s) in every CLI start."""
    import compileall

    import realcode

    compileall.compile_dir(str(Path(realcode.__file__).parent), quiet=1)


def run_eval_cli(batch: Batch, data: str, workdir: Path, calibration_cache: str, workers: int | None,
                 time_floor: float) -> Run:
    completions = workdir / f"{batch.name}.jsonl"
    with completions.open("w", encoding="utf-8") as out:
        for task, text in zip(batch.tasks, batch.completions, strict=True):
            out.write(json.dumps({"task_id": task.id, "completion": text}) + "\n")
    results = workdir / f"{batch.name}.results.jsonl"
    command = [sys.executable, "-m", "realcode.cli", "eval", "--benchmark", batch.name, "--data", data,
               "--completions", str(completions), "--out", str(results), "--no-progress", "--json",
               "--no-augment-tests", "--timeout", str(TIMEOUT_S), "--case-timeout", str(CASE_TIMEOUT_S),
               "--calibration-cache", calibration_cache, "--time-floor", str(time_floor)]
    if workers:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"realcode eval failed ({done.returncode}):\n{done.stderr[-3000:]}")
    records = [json.loads(line) for line in results.read_text("utf-8").splitlines()
               if line.strip().startswith("{")]
    records = [r for r in records if "task_id" in r and "sample_index" in r]
    # results are keyed by task and sample index: samples of one task are numbered in file order
    index_of: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    for position, task in enumerate(batch.tasks):
        index_of[(task.id, seen.get(task.id, 0))] = position
        seen[task.id] = seen.get(task.id, 0) + 1
    function = [False] * len(batch.tasks)
    latencies = [0.0] * len(batch.tasks)
    statuses = [""] * len(batch.tasks)
    for record in records:
        found = index_of.get((str(record["task_id"]), int(record["sample_index"])))
        if found is None:
            continue
        function[found] = bool(record.get("function_passed"))
        statuses[found] = str(record.get("status"))
        latencies[found] = float((record.get("test") or {}).get("duration_s") or 0.0)
    return Run(seconds, function, latencies, statuses)


def run_warm(batch: Batch, warmup: Batch, config: ScoringConfig) -> Run:
    with Scorer(config) as scorer:
        scorer.score_many(warmup.tasks, warmup.completions)  # a previous step: pool and imports warm
        started = time.perf_counter()
        scores = scorer.score_many(batch.tasks, batch.completions)
        seconds = time.perf_counter() - started
    return Run(seconds, [s.function_passed for s in scores],
               [s.test_report.duration_s if s.test_report else 0.0 for s in scores],
               [s.status for s in scores])


def calibrate(batch: Batch, limits: Limits, cache: str, workers: int) -> tuple[float, int]:
    """Measure (or read) every task's reference once: the per-task cost, paid once ever."""
    calibrator = Calibrator(cache)
    pool = WarmPool(workers)
    tasks = {t.id: t for t in batch.tasks}
    started = time.perf_counter()
    try:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as threads:
            list(threads.map(lambda t: calibrator.timing(t.tests, t.solutions.get("reference"), limits, pool),
                             tasks.values()))
    finally:
        pool.close()
    return time.perf_counter() - started, calibrator.measured


# ----------------------------------------------------------------------------- report


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(round(q * (len(ordered) - 1)), len(ordered) - 1)]


def parse_mix(text: str) -> dict[str, float]:
    mix = {k.strip(): float(v) for k, v in (part.split("=") for part in text.split(",") if part)}
    total = sum(mix.values())
    return {k: v / total for k, v in mix.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("REALCODE_DATA_DIR", "../shared/data"))
    parser.add_argument("--benchmarks", default=",".join(BENCHMARKS))
    parser.add_argument("--size", type=int, default=256, help="completions per batch")
    parser.add_argument("--baseline-size", type=int, default=64,
                        help="how many of them the baseline scores, one after another (same mix)")
    parser.add_argument("--mix", help=f"shares per kind (default SecCodePLT+ {DEFAULT_MIX}; others {DEFAULT_MIX_PLAIN})")
    parser.add_argument("--workers", type=int, help="sandbox workers (default: the scorer's, 4 per core)")
    parser.add_argument("--fixed", action="store_true", help="also the warm Scorer with calibration off")
    parser.add_argument("--time-floor", type=float, default=Limits().time_floor_s,
                        help="smallest calibrated case limit (realcode's default 0.5 s)")
    parser.add_argument("--calibration-cache", default=str(Path("~/.cache/realcode/calibration").expanduser()))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    limits = Limits(wall_s=TIMEOUT_S, case_timeout_s=CASE_TIMEOUT_S, time_floor_s=args.time_floor)
    config = ScoringConfig(limits=limits, calibration_cache=args.calibration_cache)
    if args.workers:
        config.workers = args.workers
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} at start; realcode: --timeout "
          f"{TIMEOUT_S:g} --case-timeout {CASE_TIMEOUT_S:g}, calibrated x{limits.time_factor:g}, floor "
          f"{limits.time_floor_s:g}s, a group's cases stop after {limits.group_timeouts} timeout(s), "
          f"{config.workers} workers; baseline: 1 s per program, sequential\n")

    compile_package()
    rows: list[dict[str, Any]] = []
    for name in args.benchmarks.split(","):
        mix = parse_mix(args.mix or (DEFAULT_MIX if name == "seccodeplt" else DEFAULT_MIX_PLAIN))
        batch = draw_batch(name, args.data, args.size, args.seed, mix)
        warmup = draw_batch(name, args.data, 16, args.seed + 1, mix)
        calib_s, measured = calibrate(batch, limits, args.calibration_cache, config.workers)
        print(f"{name}: calibration {calib_s:.1f}s ({measured} references measured, the rest cached)",
              file=sys.stderr)
        # Each in its own folder: the batch's results file must not resume the single one's.
        with tempfile.TemporaryDirectory() as tmp_one, tempfile.TemporaryDirectory() as tmp:
            one = Batch(name, batch.tasks[:1], batch.completions[:1], batch.kinds[:1])
            startup = run_eval_cli(one, args.data, Path(tmp_one), args.calibration_cache, args.workers,
                                   args.time_floor).seconds  # imports, loading, pool: one completion
            cli = run_eval_cli(batch, args.data, Path(tmp), args.calibration_cache, args.workers,
                               args.time_floor)
        print(f"{name}: eval {cli.seconds:.1f}s", file=sys.stderr)
        warm = run_warm(batch, warmup, config)
        print(f"{name}: warm {warm.seconds:.1f}s", file=sys.stderr)
        fixed = None
        if args.fixed:
            fixed_config = ScoringConfig(limits=Limits(wall_s=TIMEOUT_S, case_timeout_s=CASE_TIMEOUT_S,
                                                       calibrate=False), workers=config.workers)
            fixed = run_warm(batch, warmup, fixed_config)
        n = min(args.baseline_size, len(batch.completions))
        base, base_s = run_baseline(batch, n)
        print(f"{name}: baseline {base_s:.1f}s for {n}", file=sys.stderr)
        judged = [i for i in range(n) if not base[i].timed_out]
        disagree = [i for i in judged if base[i].function != warm.function[i]]
        cli_vs_warm = sum(a == b for a, b in zip(cli.function, warm.function, strict=True))
        rows.append({"name": name, "n": len(batch.completions), "mix": mix, "calib_s": calib_s,
                     "measured": measured, "cli": cli, "warm": warm, "fixed": fixed, "base": base,
                     "base_s": base_s, "base_n": n, "judged": len(judged), "disagree": disagree,
                     "cli_vs_warm": cli_vs_warm, "startup_s": startup,
                     "kinds": batch.kinds})

    print(f"{'batch':<11}{'pipeline':<22}{'n':>5}{'makespan s':>11}{'c/s':>8}{'ratio':>8}"
          f"{'p50 s':>8}{'p95 s':>8}{'max s':>8}")
    for r in rows:
        base_rate = r["base_n"] / r["base_s"]
        latencies = [v.seconds for v in r["base"]]
        pipelines = [("realcode eval (CLI)", r["cli"]), ("warm Scorer", r["warm"])]
        if r["fixed"] is not None:
            pipelines.append(("warm, fixed 5 s cases", r["fixed"]))
        for label, run in pipelines:
            rate = r["n"] / run.seconds
            print(f"{r['name']:<11}{label:<22}{r['n']:>5}{run.seconds:11.1f}{rate:8.1f}{rate / base_rate:7.1f}x"
                  f"{percentile(run.latencies, 0.5):8.2f}{percentile(run.latencies, 0.95):8.2f}"
                  f"{max(run.latencies):8.2f}")
        estimate = r["n"] / base_rate
        print(f"{r['name']:<11}{'REAL-style baseline':<22}{r['base_n']:>5}{r['base_s']:11.1f}{base_rate:8.2f}"
              f"{'1.0x':>8}{percentile(latencies, 0.5):8.2f}{percentile(latencies, 0.95):8.2f}"
              f"{max(latencies):8.2f}   (whole batch: ~{estimate:.0f} s)")
    print()
    for r in rows:
        kinds = ", ".join(f"{k} {v:.0%}" for k, v in r["mix"].items())
        hanging = [i for i, k in enumerate(r["kinds"]) if k == "hanging"]
        worst = max((r["warm"].latencies[i] for i in hanging), default=0.0)
        print(f"{r['name']}: mix {kinds}; calibration of its tasks {r['calib_s']:.1f}s "
              f"({r['measured']} measured now); function verdicts: baseline = realcode on "
              f"{r['judged'] - len(r['disagree'])}/{r['judged']} samples the baseline finished in 1 s "
              f"(+{r['base_n'] - r['judged']} it timed out on); eval = warm Scorer on "
              f"{r['cli_vs_warm']}/{r['n']}; slowest hanging sample {worst:.2f}s; realcode eval of one "
              f"completion (start-up, loading, pool) {r['startup_s']:.2f}s")
        for i in r["disagree"][:5]:
            print(f"  disagreement at {i} ({r['kinds'][i]}): baseline {r['base'][i].function}, "
                  f"realcode {r['warm'].function[i]} ({r['warm'].statuses[i]})")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}; median realcode c/s "
          f"{statistics.median(r['n'] / r['warm'].seconds for r in rows):.1f} (warm)")


if __name__ == "__main__":
    main()
