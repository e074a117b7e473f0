"""Training cost of each route on the tiny model (CPU): step time and peak memory, side by side.

Each route runs once in a fresh process for ``--steps`` steps. The step time is the median interval
between consecutive step logs (``time`` in ``realcode_log.jsonl``), the first step left out, so
model loading, start-up and warm-up do not count. Peak memory is the child's maximum resident set
size; the first row is a process that only imports torch, TRL and realcode, for reference.

    python benchmarks/training_cost.py --data ../shared/data [--steps 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = "import sys; from realcode.cli import main; sys.exit(main(sys.argv[1:]))"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="realcode-train-cost-"))
    tiny = work / "tiny"
    _measure(["tiny-model", str(tiny)])
    samples = work / "pairs.jsonl"
    results = []
    for kind in ("reference", "flawed"):
        out = work / f"{kind}.jsonl"
        _measure(["eval", "--benchmark", "starter", "--solutions", kind, "--out", str(out), "--no-progress"])
        results.append(str(out))
    _measure(["pairs", *results, "--benchmark", "starter", "--out", str(samples)])
    common = ["--model", str(tiny), "--save-steps", "1000", "--learning-rate", "1e-4"]
    rl = ["--benchmark", "starter", "--num-generations", "4", "--prompts-per-step", "2",
          "--max-completion-length", "64"]
    routes = {
        "grpo (LoRA, 2 prompts x 4 generations, 64 tokens)": ["train", "grpo", *common, *rl],
        "rloo (LoRA, 2 prompts x 4 generations, 64 tokens)": ["train", "rloo", *common, *rl],
        "grpo (full fine-tuning)": ["train", "grpo", *common, *rl, "--no-lora"],
        "sft (LoRA, batch 2, SecCodePLT+ answers)": ["train", "sft", *common, "--sft-data", args.data],
        "dpo (LoRA, batch 2, starter pairs)": ["train", "dpo", *common, "--pairs", str(samples), "--max-length", "1024"],
    }
    # Reference: what importing the stack costs.
    baseline = subprocess.run([sys.executable, "-c", "import torch, trl, realcode.training.rl, resource; "
                               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"],
                              capture_output=True, text=True, check=True)
    print(f"# Training cost on the tiny model (CPU, {os.cpu_count()} cores), {args.steps} steps per route\n")
    print("| route | s/step (median) | s/step (max) | run wall s | peak RSS MiB |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| (imports only: torch, trl, realcode) | - | - | - | {float(baseline.stdout.strip()):.0f} |")
    report = {}
    for index, (name, argv) in enumerate(routes.items()):
        out = work / f"route-{index}"
        wall, peak = _measure([*argv, "--output-dir", str(out), "--max-steps", str(args.steps)])
        times = [json.loads(line)["time"] for line in (out / "realcode_log.jsonl").read_text().splitlines()]
        intervals = [b - a for a, b in itertools.pairwise(times)]
        report[name] = {"seconds_per_step": statistics.median(intervals), "max_step_s": max(intervals),
                        "wall_s": wall, "peak_rss_mib": peak}
        print(f"| {name} | {statistics.median(intervals):.3f} | {max(intervals):.3f} | {wall:.1f} | {peak:.0f} |")
    print("\n" + json.dumps(report))
    return 0


def _measure(argv: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS of one child, read with wait4 so each child is measured alone."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CLI, *argv], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(argv[:3])} failed:\n{stderr.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
