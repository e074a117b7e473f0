"""Training cost of each route on the tiny model (CPU): step time and peak memory, side by side.

Each route runs twice in a fresh process (``--max-steps`` A and B); the step time is the wall-time
difference divided by the extra steps, so model loading and start-up do not count. Peak memory is
the child's maximum resident set size; the first row is a process that only imports torch, TRL and
realcode, for reference.

    python benchmarks/training_cost.py --data ../shared/data [--steps 2 6]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = "import sys; from realcode.cli import main; sys.exit(main(sys.argv[1:]))"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--steps", type=int, nargs=2, default=(2, 6))
    args = parser.parse_args()
    low, high = args.steps
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
    print(f"# Training cost on the tiny model (CPU, {os.cpu_count()} cores), steps {low} -> {high}\n")
    print("| route | s/step | peak RSS MiB |")
    print("| --- | --- | --- |")
    print(f"| (imports only: torch, trl, realcode) | - | {float(baseline.stdout.strip()):.0f} |")
    report = {}
    for name, argv in routes.items():
        timings = []
        peak = 0.0
        for steps in (low, high):
            out = work / f"{abs(hash(name))}-{steps}"
            wall, rss = _measure([*argv, "--output-dir", str(out), "--max-steps", str(steps)])
            timings.append(wall)
            peak = max(peak, rss)
        per_step = (timings[1] - timings[0]) / (high - low)
        report[name] = {"seconds_per_step": per_step, "peak_rss_mib": peak}
        print(f"| {name} | {per_step:.3f} | {peak:.0f} |")
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
