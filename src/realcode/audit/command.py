"""The ``realcode audit`` command: load a benchmark, run the audit, print the table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from realcode.analysis.registry import parse_analyzer_list
from realcode.audit.hacks import all_hacks
from realcode.audit.runner import run_audit
from realcode.benchmarks import load_benchmark
from realcode.benchmarks.augment import AugmentOptions
from realcode.execution.limits import Limits
from realcode.rewards import make_reward
from realcode.scoring import Scorer, ScoringConfig


class AuditUsageError(ValueError):
    """Bad options; the CLI prints it as one line with exit status 2."""


def audit_command(args: argparse.Namespace) -> int:
    """0 when no hack gains reward, 1 when one does (2 is the CLI's usage error)."""
    loaded = load_benchmark(args.benchmark, args.data, args.split)
    quality = tuple(parse_analyzer_list(args.quality_analyzers)) if args.quality_analyzers else None
    hacks = all_hacks()
    if args.hacks:
        wanted = {name.strip() for name in args.hacks.split(",") if name.strip()}
        hacks = [h for h in hacks if h.name in wanted or h.family in wanted]
        if not hacks:
            raise AuditUsageError(f"no hack or family named {args.hacks!r}")
    config = ScoringConfig(quality_analyzers=quality,
                           limits=Limits(wall_s=args.timeout, case_timeout_s=min(args.case_timeout, args.timeout)))
    reward = make_reward(args.reward, args.alpha, quality)
    augment = AugmentOptions(seed=args.seed) if args.augment_tests else None
    with Scorer(config) as scorer:
        report = run_audit(loaded.tasks, scorer, reward, benchmark=args.benchmark,
                           count=args.tasks_count, seed=args.seed, hacks=hacks, augment=augment)
    if not report.tasks:
        raise AuditUsageError(f"no task of {args.benchmark} has an honest solution that passes its tests")
    print(f"reward audit: {args.benchmark}, reward {reward.name}, tasks {', '.join(report.tasks)}")
    print(report.table())
    for skipped in report.skipped_tasks:
        print(f"realcode: note: {skipped}", file=sys.stderr)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    gamed = [r.name for r in report.gamed]
    print(f"{len(report.results)} hacks, {sum(r.programs for r in report.results)} programs: "
          + (f"GAMED by {', '.join(gamed)}" if gamed else "no hack gains reward"))
    return 1 if gamed else 0
