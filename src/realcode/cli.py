"""The ``realcode`` command line: argument parsing and printing only."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realcode import __version__
from realcode.reward_names import DEFAULT_REWARD, REWARD_NAMES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# `realcode exec`: one exit status per way a program can end (2 stays the usage error).
EXEC_EXIT_CODES = {"passed": 0, "failed": 1, "crash": 1, "syntax_error": 3, "timeout": 4, "memory": 5,
                   "output_limit": 6, "sandbox_error": 7, "forged": 8}


class UsageError(Exception):
    """Bad input the user can fix; printed as one line, exit status 2."""


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _k_list(text: str) -> tuple[int, ...]:
    try:
        ks = tuple(sorted({int(x) for x in text.split(",") if x.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of positive integers") from None
    if not ks or min(ks) <= 0:
        raise argparse.ArgumentTypeError("a comma-separated list of positive integers")
    return ks


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="realcode", description="Score generated code for correctness, security and maintainability.")
    parser.add_argument("--version", action="version", version=f"realcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    ev = commands.add_parser("eval", help="evaluate completions (or a dataset's own solutions) on a benchmark")
    ev.add_argument("--benchmark", required=True, help="safesql, seccodeplt, apps_plus or starter")
    ev.add_argument("--data", help="a data file or directory (default: $REALCODE_DATA_DIR, else the Hub)")
    ev.add_argument("--split", help="dataset split (default: the benchmark's own)")
    ev.add_argument("--limit", type=_positive_int, help="only the first N tasks")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--completions", help='JSONL with {"task_id": ..., "completion": ...} per line')
    source.add_argument("--solutions", help="the dataset's own solutions: reference, vulnerable, patched, ...")
    ev.add_argument("--out", help="results JSONL, written as it goes; a rerun resumes (default: results/...)")
    ev.add_argument("--quality-analyzers", help="comma-separated analyzers deciding quality (default: per benchmark)")
    ev.add_argument("--workers", type=_positive_int, help="parallel sandbox runs")
    ev.add_argument("--cache", help="SQLite cache of scores by content, shared across runs and processes")
    ev.add_argument("--ray", action="store_true", help="spread scoring over a Ray cluster (pip install ray)")
    ev.add_argument("--ray-address", help="Ray cluster address (default: local, or $RAY_ADDRESS)")
    ev.add_argument("--timeout", type=_positive_float, default=10.0, help="seconds per program run")
    ev.add_argument("--case-timeout", type=_positive_float, default=5.0, help="seconds per test case")
    ev.add_argument("--memory-mb", type=_positive_int, default=1024)
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument("--no-progress", action="store_true")
    ev.add_argument("--completion-key", help="the field of each completions line holding the text "
                                             "(default: completion)")
    ev.add_argument("--k", type=_k_list, default=(1, 5, 10), help="pass@k values, comma-separated (default 1,5,10)")
    ev.add_argument("--rebuild-cache", action="store_true", help="delete the --cache file first (e.g. corrupted)")
    _augment_options(ev)
    _time_options(ev)
    ev.add_argument("--batch-size", type=_positive_int, default=256,
                    help="samples scored together and then written (default 256): a batch waits for its "
                         "slowest sample, so small batches add a straggler each")
    _task_filters(ev)

    ex = commands.add_parser("exec", help="run one program in the sandbox and report how it ended",
                             epilog="exit status: " + ", ".join(f"{code} {status}"
                                                               for status, code in EXEC_EXIT_CODES.items()),
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("file", help="the program (- for standard input)")
    ex.add_argument("--stdin", help="a file fed to the program's standard input")
    ex.add_argument("--timeout", type=_positive_float, default=10.0)
    ex.add_argument("--memory-mb", type=_positive_int, default=1024)
    ex.add_argument("--json", action="store_true", help="print the report as JSON")

    an = commands.add_parser("analyze", help="run analyzers over files, folders or standard input")
    an.add_argument("paths", nargs="+", help="files, folders (all *.py below) or - for standard input")
    an.add_argument("--analyzers", default="security,mypy,bandit,ruff",
                    help="comma-separated (default: security,mypy,bandit,ruff)")
    an.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    an.add_argument("--explain", action="store_true", help="print taint paths under each finding")

    gen = commands.add_parser("generate", help="sample completions for a benchmark from a model")
    _generation_options(gen)
    gen.add_argument("-n", type=_positive_int, default=1, help="completions per task")

    rep = commands.add_parser("repair", help="iterative repair with analyzer and test feedback")
    _generation_options(rep)
    rep.add_argument("--rounds", type=int, default=3, help="feedback rounds after the first answer (default 3)")
    rep.add_argument("--quality-analyzers", help="comma-separated analyzers deciding quality (default: per benchmark)")
    rep.add_argument("--timeout", type=_positive_float, default=10.0, help="seconds per program run")
    rep.add_argument("--case-timeout", type=_positive_float, default=5.0, help="seconds per test case")
    rep.add_argument("--memory-mb", type=_positive_int, default=1024)
    rep.add_argument("--json", action="store_true", help="print the summary as JSON")
    rep.add_argument("--feedback-analyzers", help="comma-separated analyzers whose findings are fed back "
                                                  "(default: those deciding quality)")
    rep.add_argument("--safety-feedback", action=argparse.BooleanOptionalAction, default=True,
                     help="name failing safety test cases in the feedback (default on)")
    _augment_options(rep)

    rp = commands.add_parser("report", help="Markdown + HTML report with plots from results and repair logs")
    rp.add_argument("results", nargs="+", help="results/repair JSONL files, optionally NAME=PATH")
    rp.add_argument("--out", required=True, help="output folder")
    rp.add_argument("--training-log", action="append", default=[],
                    help="training log JSONL (step, reward...), optionally NAME=PATH; repeatable")
    rp.add_argument("--title", default="realcode report")
    rp.add_argument("--ablation", help="reward-ablation summary.json (benchmarks/learning_effect.py), shown first")
    rp.add_argument("--k", type=_k_list, default=(1, 5, 10), help="pass@k values, comma-separated (default 1,5,10)")
    rp.add_argument("--reward", action="append", choices=REWARD_NAMES,
                    help=f"reward whose distribution is tabulated; repeatable (default {DEFAULT_REWARD})")

    pa = commands.add_parser("pairs", help="DPO preference pairs from scored completions of the same prompts")
    pa.add_argument("results", nargs="+", help="evaluation results JSONL (realcode eval --out), one or more")
    pa.add_argument("--benchmark", required=True, help="the benchmark the results are for (for the prompts)")
    pa.add_argument("--data")
    pa.add_argument("--split")
    pa.add_argument("--out", required=True, help="pairs JSONL")
    pa.add_argument("--max-pairs-per-task", type=_positive_int, default=4)
    pa.add_argument("--similarity", type=float, default=0.995,
                    help="drop pairs whose programs are at least this similar (0-1)")
    pa.add_argument("--json", action="store_true", help="print the counts as JSON")
    _task_filters(pa)

    se = commands.add_parser("select", help="error-prone subset: tasks whose samples show findings, errors "
                                            "or failures in results files (MultiEval's construction)")
    se.add_argument("results", nargs="+", help="evaluation results JSONL (realcode eval --out)")
    se.add_argument("--where", choices=("findings", "errors", "failed"), default="findings",
                    help="findings: any analyzer finding; errors: does not compile or an error finding; "
                         "failed: a functional test fails")
    se.add_argument("--which", choices=("first", "any", "all"), default="first",
                    help="which samples of a task must show it (default: the first)")
    se.add_argument("--out", required=True, help="task list, one id per line (for --tasks)")

    tm = commands.add_parser("tiny-model", help="write a tiny random causal LM and a locally trained tokenizer")
    tm.add_argument("out")
    tm.add_argument("--seed", type=int, default=0)

    tr = commands.add_parser("train", help="GRPO / RLOO / SFT / DPO on TRL, PPO on VeRL")
    routes = tr.add_subparsers(dest="method", required=True)
    for method, text in (("grpo", "GRPO with realcode's reward (TRL)"), ("rloo", "RLOO with realcode's reward (TRL)")):
        route = routes.add_parser(method, help=text)
        _train_common(route, default_lr=1e-6)
        _train_prompts(route)
        route.add_argument("--num-generations", type=_positive_int, default=4, help="completions per prompt")
        route.add_argument("--prompts-per-step", type=_positive_int, default=2)
        route.add_argument("--max-prompt-length", type=_positive_int, default=1024)
        route.add_argument("--max-completion-length", type=_positive_int, default=512)
        route.add_argument("--kl", type=float, default=0.001, help="KL coefficient (beta)")
        route.add_argument("--temperature", type=float, default=1.0)
    sft = routes.add_parser("sft", help="supervised fine-tuning (LoRA by default)")
    _train_common(sft, default_lr=2e-4)
    _train_prompts(sft)
    sft.add_argument("--source", choices=("reference", "rejection"), default="reference",
                     help="reference answers of a question/answer set, or rejection sampling on the reward")
    sft.add_argument("--sft-data", help="question/answer parquet/JSONL, a folder with seccodeplt_sft/, or a Hub "
                                        "name (default: --data, else the Hub's SecCodePLT SFT set)")
    sft.add_argument("--samples", help="rejection sampling from these completions (JSONL) instead of sampling")
    sft.add_argument("-k", type=_positive_int, default=4, help="samples per prompt (rejection sampling)")
    sft.add_argument("--threshold", type=float, default=1.0, help="keep completions with at least this reward")
    sft.add_argument("--max-length", type=_positive_int, default=2048)
    sft.add_argument("--max-completion-length", type=_positive_int, default=512)
    sft.add_argument("--batch-size", type=_positive_int, default=2)
    dpo = routes.add_parser("dpo", help="DPO on preference pairs from `realcode pairs`")
    _train_common(dpo, default_lr=5e-6)
    dpo.add_argument("--pairs", required=True)
    dpo.add_argument("--beta", type=float, default=0.1)
    dpo.add_argument("--ref-model", help="reference model (default: the base model; with LoRA, the adapter off)")
    dpo.add_argument("--max-length", type=_positive_int, default=2048)
    dpo.add_argument("--batch-size", type=_positive_int, default=2)
    ppo = routes.add_parser("ppo", help="PPO on VeRL (GPU machines): runs recipes/verl/run_ppo.sh")
    ppo.add_argument("--model", required=True)
    ppo.add_argument("--data", default="../shared/data", help="folder with safesql/train.parquet")
    ppo.add_argument("--reward", choices=REWARD_NAMES, default=DEFAULT_REWARD)
    ppo.add_argument("--alpha", type=float, default=0.5)
    ppo.add_argument("overrides", nargs="*", help="VeRL config overrides, e.g. trainer.n_gpus_per_node=4")

    commands.add_parser("benchmarks", help="list the benchmarks")
    au = commands.add_parser("audit", help="score a library of reward hacks against honest solutions; "
                                           "exit 1 when any hack gains reward")
    au.add_argument("--benchmark", required=True)
    au.add_argument("--data", help="a data file or directory (default: $REALCODE_DATA_DIR, else the Hub)")
    au.add_argument("--split")
    au.add_argument("--tasks-count", type=_positive_int, default=3, help="real tasks to audit on (default 3)")
    au.add_argument("--seed", type=int, default=0, help="which tasks (seeded choice)")
    au.add_argument("--reward", choices=REWARD_NAMES, default=DEFAULT_REWARD)
    au.add_argument("--alpha", type=float, default=0.5)
    au.add_argument("--quality-analyzers", help="comma-separated analyzers deciding quality (default: per benchmark)")
    au.add_argument("--hacks", help="only these hacks or families, comma-separated")
    au.add_argument("--timeout", type=_positive_float, default=10.0, help="seconds per program run")
    au.add_argument("--case-timeout", type=_positive_float, default=2.0, help="seconds per test case")
    au.add_argument("--json", dest="json_out", help="also write the audit as JSON to this file")
    au.add_argument("--augment-tests", action=argparse.BooleanOptionalAction, default=True,
                    help="derive hidden tests for the audited tasks as eval does (default on)")

    return parser


def _train_common(parser: argparse.ArgumentParser, default_lr: float) -> None:
    parser.add_argument("--model", required=True, help="local path or Hub id")
    parser.add_argument("--output-dir", required=True, help="checkpoints, logs, final model; a rerun resumes")
    parser.add_argument("--max-steps", type=_positive_int, default=100)
    parser.add_argument("--save-steps", type=_positive_int, default=50)
    parser.add_argument("--learning-rate", type=_positive_float, default=default_lr)
    parser.add_argument("--lora", action=argparse.BooleanOptionalAction, default=True,
                        help="LoRA adapters (r=16, alpha=32, dropout 0.05) instead of full fine-tuning")
    parser.add_argument("--lora-r", type=_positive_int, default=16)
    parser.add_argument("--seed", type=int, default=0)


def _train_prompts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--benchmark", default="seccodeplt")
    parser.add_argument("--data")
    parser.add_argument("--split")
    parser.add_argument("--limit", type=_positive_int)
    parser.add_argument("--reward", choices=REWARD_NAMES, default=DEFAULT_REWARD,
                        help="realcode (default: quality counts only for code that does the task), "
                             "hybrid (REAL's exact formula), weighted, joint, function")
    parser.add_argument("--alpha", type=float, default=0.5, help="quality weight of the realcode and hybrid rewards")
    _task_filters(parser)
    parser.add_argument("--augment-tests", action=argparse.BooleanOptionalAction, default=True,
                        help="derive hidden tests where the prompt shows too many, as eval does (default on)")


def _generation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=("transformers", "openai", "vllm"), required=True)
    parser.add_argument("--model", required=True, help="Hub id or local path; the served model's name for openai")
    parser.add_argument("--base-url", help="OpenAI-compatible server (default http://127.0.0.1:8000/v1); "
                                           "API key from $REALCODE_API_KEY or $OPENAI_API_KEY")
    parser.add_argument("--benchmark", required=True)
    parser.add_argument("--data", help="a data file or directory (default: $REALCODE_DATA_DIR, else the Hub)")
    parser.add_argument("--split")
    parser.add_argument("--limit", type=_positive_int, help="only the first N tasks")
    parser.add_argument("--temperature", type=float, default=0.8)
    parser.add_argument("--top-p", type=float, default=0.95)
    parser.add_argument("--max-tokens", type=_positive_int, default=1024)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--concurrency", type=_positive_int, default=8, help="requests in flight (openai)")
    parser.add_argument("--retries", type=int, default=5, help="retries per request (openai)")
    parser.add_argument("--request-timeout", type=_positive_float, default=120.0, help="seconds per request (openai)")
    parser.add_argument("--out", required=True, help="JSONL written as it goes; a rerun resumes")
    parser.add_argument("--no-progress", action="store_true")
    _task_filters(parser)


def _task_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tasks", help="only the task ids listed in this file (realcode select --out)")
    parser.add_argument("--cwe", help="only tasks of these CWEs, comma-separated (89,CWE-78)")
    parser.add_argument("--language", help="only tasks in these languages, comma-separated (c,rust)")


def _time_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--calibrate", action=argparse.BooleanOptionalAction, default=True,
                        help="per-case limits from each task's reference solution, measured once and "
                             "cached (on by default; tasks without a reference keep --case-timeout)")
    parser.add_argument("--time-factor", type=_positive_float, default=4.0,
                        help="a case's limit is this multiple of the reference's time on it (default 4)")
    parser.add_argument("--time-floor", type=_positive_float, default=0.5,
                        help="smallest calibrated case limit in seconds (default 0.5)")
    parser.add_argument("--time-ceiling", type=_positive_float,
                        help="largest calibrated case limit in seconds (default: --case-timeout)")
    parser.add_argument("--calibration-cache",
                        help="folder of reference timings (default ~/.cache/realcode/calibration)")
    parser.add_argument("--group-timeouts", type=_count, default=1,
                        help="after this many timed-out cases of a group (capability, safety; all "
                             "cases of other suites) its other cases fail unrun (default 1; 0 runs "
                             "every case)")


def _time_limits(args: argparse.Namespace) -> dict[str, Any]:
    """The calibration fields of ``Limits`` from ``_time_options`` (defaults where absent)."""
    return {"calibrate": getattr(args, "calibrate", True), "time_factor": getattr(args, "time_factor", 4.0),
            "time_floor_s": getattr(args, "time_floor", 0.5), "time_ceiling_s": getattr(args, "time_ceiling", None),
            "group_timeouts": getattr(args, "group_timeouts", 1)}


def _augment_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--augment-tests", action=argparse.BooleanOptionalAction, default=True,
                        help="call-suite tasks with a reference and fewer than 5 hidden tests get more, "
                             "derived from the reference solution (EvalPlus-style, cached; on by default: "
                             "tests the prompt shows do not decide the function verdict)")
    parser.add_argument("--augment-seed", type=int, default=0, help="seed of --augment-tests")
    parser.add_argument("--augment-cache", help="cache folder of --augment-tests (default ~/.cache/realcode/augment)")


def _augmented(args: argparse.Namespace, loaded: Any) -> Any:
    if not getattr(args, "augment_tests", False):
        return loaded
    from realcode.benchmarks.augment import AugmentOptions, augment_tasks

    options = AugmentOptions(seed=args.augment_seed, cache_dir=args.augment_cache)
    original = list(loaded.tasks)
    loaded.tasks, outcomes = augment_tasks(loaded.tasks, options, workers=getattr(args, "workers", None) or 2)
    loaded.augmentation = dict(outcomes)
    if any(t is not o for t, o in zip(loaded.tasks, original, strict=True)):
        print("augmented tests: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())), file=sys.stderr)
    return loaded


def _names(text: str | None) -> list[str] | None:
    return [x.strip() for x in text.split(",") if x.strip()] if text else None


def _load_tasks(args: argparse.Namespace) -> Any:
    """Load --benchmark, then apply --tasks/--cwe/--language before --limit."""
    from realcode.benchmarks import load_benchmark
    from realcode.benchmarks.selection import filter_tasks, read_task_list

    filtered = any(getattr(args, key, None) for key in ("tasks", "cwe", "language"))
    limit = getattr(args, "limit", None)
    loaded = load_benchmark(args.benchmark, args.data, args.split, None if filtered else limit)
    if filtered:
        ids = read_task_list(args.tasks) if args.tasks else None
        loaded.tasks = filter_tasks(loaded.tasks, ids, _names(args.cwe), _names(args.language))[:limit]
        if not loaded.tasks:
            raise UsageError("no task of the benchmark matches --tasks/--cwe/--language")
    return _augmented(args, loaded)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"eval": _cmd_eval, "exec": _cmd_exec, "analyze": _cmd_analyze, "benchmarks": _cmd_benchmarks,
                "generate": _cmd_generate, "repair": _cmd_repair, "report": _cmd_report, "pairs": _cmd_pairs,
                "tiny-model": _cmd_tiny_model, "train": _cmd_train, "select": _cmd_select,
                "audit": _cmd_audit}
    from realcode.benchmarks.source import DataUnavailable
    from realcode.evaluation.runner import CompletionsError
    from realcode.generation.base import GenerationError

    try:
        return handlers[args.command](args)
    except (UsageError, DataUnavailable, CompletionsError, GenerationError, ValueError, OSError) as exc:
        print(f"realcode: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("realcode: interrupted; results written so far are kept (rerun to resume)", file=sys.stderr)
        return 130


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{path}: no such file")
    return file.read_text(encoding="utf-8", errors="replace")


def _cmd_benchmarks(_args: argparse.Namespace) -> int:
    from realcode.benchmarks import BENCHMARKS

    for spec in BENCHMARKS.values():
        hub = spec.hub_name or "bundled"
        print(f"{spec.name:<12} {spec.description}  [split {spec.default_split}; {hub}; "
              f"quality: {','.join(spec.quality_analyzers)}]")
    return EXIT_OK


def _cmd_exec(args: argparse.Namespace) -> int:
    from realcode.execution.limits import Limits
    from realcode.execution.runners import run_script

    program = _read_text(args.file)
    stdin = Path(args.stdin).read_bytes() if args.stdin else b""
    limits = Limits(wall_s=args.timeout, memory_mb=args.memory_mb)
    report = run_script(program, stdin, limits)
    if args.json:
        print(json.dumps(report.to_dict(with_cases=False), indent=2))
    else:
        print(f"status: {report.status.value}" + (f" ({report.detail})" if report.detail else ""))
        print(f"isolation: {report.isolation.get('method')}, network {report.isolation.get('network')}, "
              f"process limit {report.isolation.get('process_limit')}")
        if report.stdout:
            print("--- stdout\n" + report.stdout.rstrip())
        if report.stderr:
            print("--- stderr\n" + report.stderr.rstrip())
    return EXEC_EXIT_CODES.get(report.status.value, 1)


def _collect_programs(paths: Sequence[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in paths:
        if path == "-":
            found.append(("<stdin>", sys.stdin.read()))
            continue
        target = Path(path)
        if target.is_dir():
            files = sorted(p for p in target.rglob("*.py") if p.is_file())
        elif target.is_file():
            files = [target]
        else:
            raise UsageError(f"{path}: no such file or directory")
        found += [(str(f), f.read_text(encoding="utf-8", errors="replace")) for f in files]
    if not found:
        raise UsageError("no Python files found")
    return found


def _cmd_analyze(args: argparse.Namespace) -> int:
    from realcode.analysis import Program, get_analyzer, to_sarif
    from realcode.analysis.registry import parse_analyzer_list

    names = parse_analyzer_list(args.analyzers)
    programs = [Program(source, path) for path, source in _collect_programs(args.paths)]
    findings = []
    for name in names:
        for result in get_analyzer(name).analyze_many(programs):
            findings.extend(result)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule_id))
    if args.format == "json":
        print(json.dumps([f.to_dict() for f in findings], indent=2))
    elif args.format == "sarif":
        print(json.dumps(to_sarif(findings), indent=2))
    else:
        for finding in findings:
            print(finding.to_text(explain=args.explain))
        print(f"{len(findings)} finding(s) in {len(programs)} program(s)", file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


def _default_out(benchmark: str, split: str, source: dict[str, Any], config_hash: str) -> Path:
    """results/BENCHMARK-SPLIT-SOURCE-CONFIG.jsonl: another model, file or configuration never
    lands in (or resumes) the same file."""
    from realcode.evaluation.provenance import short_source_name

    return Path("results") / f"{benchmark}-{split}-{short_source_name(source)}-{config_hash}.jsonl"


def _cmd_audit(args: argparse.Namespace) -> int:
    from realcode.audit.command import audit_command

    return audit_command(args)


def _cmd_eval(args: argparse.Namespace) -> int:
    from realcode.analysis.registry import parse_analyzer_list
    from realcode.evaluation import (
        evaluate,
        format_summary,
        read_completions,
        samples_from_solutions,
        summarize,
    )
    from realcode.evaluation.metrics import mark_quality_only
    from realcode.evaluation.provenance import completions_source, solutions_source
    from realcode.execution.limits import Limits
    from realcode.scoring import Scorer, ScoringConfig
    from realcode.scoring.cache import ScoreCache

    loaded = _load_tasks(args)
    split = args.split or loaded.spec.default_split
    samples = (samples_from_solutions(loaded.tasks, args.solutions) if args.solutions
               else read_completions(args.completions, loaded.tasks, args.completion_key))
    for problem in [*(f"skipped {s}" for s in loaded.skipped), *samples.problems]:
        print(f"realcode: warning: {problem}", file=sys.stderr)
    config = ScoringConfig(
        quality_analyzers=tuple(parse_analyzer_list(args.quality_analyzers)) if args.quality_analyzers else None,
        limits=Limits(wall_s=args.timeout, case_timeout_s=min(args.case_timeout, args.timeout),
                      memory_mb=args.memory_mb, **_time_limits(args)),
        cache_path=args.cache,
        backend="ray" if args.ray or args.ray_address else "local",
        ray_address=args.ray_address,
        calibration_cache=args.calibration_cache,
    )
    if args.workers:
        config.workers = args.workers
    if args.rebuild_cache:
        if not args.cache:
            raise UsageError("--rebuild-cache needs --cache")
        if ScoreCache.remove(args.cache):
            print(f"realcode: removed the score cache {args.cache}; it is rebuilt as samples are scored",
                  file=sys.stderr)
    source = (solutions_source(args.solutions) if args.solutions
              else completions_source(args.completions, samples.metadata))
    header = _results_header(args, loaded, split, config, source)
    out = Path(args.out) if args.out else _default_out(args.benchmark, split, source, header["config_hash"])
    with Scorer(config) as scorer:
        run = evaluate(loaded.tasks, samples.samples, out, scorer, progress=not args.no_progress, header=header,
                       batch_size=args.batch_size)
    summary = summarize(run.records, ks=args.k, intervals=True)
    isolation = header["provenance"]["isolation"]
    summary.update({"benchmark": args.benchmark, "split": split, "source": loaded.source,
                    "results": str(out), "resumed": run.resumed, "config_hash": header["config_hash"],
                    "isolation": _isolation_line(isolation), "provenance": header["provenance"],
                    "quality_analyzers": list(config.quality_analyzers or loaded.spec.quality_analyzers)})
    group_metrics = _task_group_metrics(loaded.tasks, run.records)
    if group_metrics.get("function_not_applicable"):
        mark_quality_only(summary)
    summary.update({k: v for k, v in group_metrics.items() if k != "per_cwe"})
    if run.unreadable:
        print(f"realcode: warning: {run.unreadable} unreadable line(s) in {out} were ignored", file=sys.stderr)
    if run.duplicates:
        print(f"realcode: warning: {run.duplicates} duplicate sample record(s) in {out} counted once",
              file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        title = (f"{args.benchmark} [{split}] — {args.solutions or args.completions} — quality by "
                 f"{', '.join(summary['quality_analyzers'])}")
        print(format_summary(summary, title))
        print(f"\nresults: {out}" + (f" ({run.resumed} resumed)" if run.resumed else ""))
    return EXIT_OK


def _isolation_line(isolation: dict[str, Any]) -> str:
    method = isolation.get("method")
    text = (f"{method}, network {isolation.get('network')}, file system {isolation.get('filesystem')}, "
            f"process limit {isolation.get('process_limit')}")
    return text if method != "none" else "NONE (not sandboxed): " + text


def _results_header(args: argparse.Namespace, loaded: Any, split: str, config: Any,
                    source: dict[str, Any]) -> dict[str, Any]:
    """The results file's header: the configuration hash and the run's provenance."""
    from realcode.analysis.registry import get_analyzer
    from realcode.evaluation.provenance import provenance, scoring_config
    from realcode.evaluation.results import make_header
    from realcode.execution.isolation import detect_isolation

    quality = list(config.quality_analyzers or loaded.spec.quality_analyzers)
    extra = [a for a in config.extra_analyzers if a not in quality]
    versions = {}
    for name in (*quality, *extra):
        try:
            versions[name] = get_analyzer(name).version()
        except ValueError:
            versions[name] = "unknown"
    augment = ({"seed": args.augment_seed} if getattr(args, "augment_tests", False) else None)
    scoring = scoring_config(args.benchmark, split, quality, extra, versions, config.limits.to_dict(),
                             config.run_tests, augment)
    info = provenance(scoring, source, str(loaded.source), detect_isolation().describe())
    info["tasks_loaded"] = len(loaded.tasks)
    return make_header(info["config_hash"], info)


def _task_group_metrics(tasks: Sequence[Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Metrics that need the tasks: per program type (APPS stdin vs function call) and BLEU
    against the original code (CyberSecEval, PurpleLlama)."""
    from realcode.evaluation.metrics import bleu_by_group, mark_quality_only, per_group

    extra: dict[str, Any] = {}
    if tasks and not any(t.has_tests for t in tasks):
        extra = mark_quality_only({"per_cwe": {}})
    by_id = {t.id: t for t in tasks}
    kinds = {t.context.get("program_type") for t in tasks} - {None}
    if len(kinds) > 1:
        extra["per_program_type"] = per_group(
            records, lambda r: by_id[r["task_id"]].context.get("program_type") if r["task_id"] in by_id else "?")
    references = {t.id: str(t.context["origin_code"]) for t in tasks if t.context.get("origin_code")}
    if references:
        try:
            extra["bleu_per_language"] = bleu_by_group(records, references, lambda r: r.get("language") or "python")
        except ImportError:
            print("realcode: warning: BLEU needs sacrebleu (pip install 'realcode[icd]')", file=sys.stderr)
    return extra


def _cmd_select(args: argparse.Namespace) -> int:
    from realcode.benchmarks.selection import select_from_results, write_task_list
    from realcode.evaluation.runner import load_records

    records = load_records(args.results)
    if not records:
        raise UsageError("no result records in " + ", ".join(args.results))
    ids = select_from_results(records, args.where, args.which)
    write_task_list(ids, args.out)
    tasks = len({str(r["task_id"]) for r in records})
    print(f"{len(ids)} of {tasks} task(s) whose {args.which} sample(s) show {args.where} -> {args.out}")
    return EXIT_OK


def _backend(args: argparse.Namespace) -> Any:
    from realcode.generation import make_backend

    options: dict[str, Any] = {}
    if args.backend == "openai":
        options = {"concurrency": args.concurrency, "max_retries": args.retries, "timeout_s": args.request_timeout}
    return make_backend(args.backend, args.model, base_url=args.base_url, **options)


def _sampling(args: argparse.Namespace) -> Any:
    from realcode.generation import SamplingParams

    return SamplingParams(temperature=args.temperature, top_p=args.top_p, max_tokens=args.max_tokens, seed=args.seed)


def _cmd_generate(args: argparse.Namespace) -> int:
    from realcode.generation import generate_completions

    loaded = _load_tasks(args)
    backend = _backend(args)
    try:
        summary = generate_completions(backend, loaded.tasks, args.out, n=args.n, params=_sampling(args),
                                       progress=not args.no_progress)
    finally:
        backend.close()
    for error in summary.errors[:5]:
        print(f"realcode: warning: {error}", file=sys.stderr)
    print(f"{summary.written} completion(s) written to {args.out} ({summary.already_done} already there, "
          f"{summary.failed} failed: rerun to retry)")
    return EXIT_OK if not summary.failed else EXIT_FINDINGS


def _cmd_repair(args: argparse.Namespace) -> int:
    from realcode.analysis.registry import parse_analyzer_list
    from realcode.execution.limits import Limits
    from realcode.repair import FeedbackOptions, format_repair, repair
    from realcode.scoring import Scorer, ScoringConfig

    if args.rounds < 0:
        raise UsageError("--rounds must be 0 or more")
    loaded = _load_tasks(args)
    config = ScoringConfig(
        quality_analyzers=tuple(parse_analyzer_list(args.quality_analyzers)) if args.quality_analyzers else None,
        limits=Limits(wall_s=args.timeout, case_timeout_s=min(args.case_timeout, args.timeout),
                      memory_mb=args.memory_mb))
    feedback_analyzers = tuple(parse_analyzer_list(args.feedback_analyzers)) if args.feedback_analyzers else None
    if feedback_analyzers:  # they must run to be fed back, whatever decides quality
        config.extra_analyzers = tuple(dict.fromkeys((*config.extra_analyzers, *feedback_analyzers)))
    backend = _backend(args)
    try:
        with Scorer(config) as scorer:
            summary = repair(backend, loaded.tasks, scorer, args.out, rounds=args.rounds,
                             params=_sampling(args), progress=not args.no_progress,
                             feedback=FeedbackOptions(feedback_analyzers, args.safety_feedback),
                             provenance=_repair_provenance(args, loaded, config, feedback_analyzers))
    finally:
        backend.close()
    from realcode.execution.isolation import detect_isolation

    summary.isolation = _isolation_line(detect_isolation().describe())
    print(json.dumps(summary.to_dict(), indent=2) if args.json else format_repair(summary))
    return EXIT_OK


def _repair_provenance(args: argparse.Namespace, loaded: Any, config: Any,
                       feedback_analyzers: tuple[str, ...] | None) -> dict[str, Any]:
    """A repair log's provenance: what scored it (as for eval) and the model, sampling and feedback."""
    source = {"id": f"repair {args.backend}:{args.model}", "kind": "repair", "model": args.model,
              "backend": args.backend, "temperature": args.temperature, "top_p": args.top_p,
              "max_tokens": args.max_tokens, "seed": args.seed}
    header = _results_header(args, loaded, args.split or loaded.spec.default_split, config, source)
    info: dict[str, Any] = header["provenance"]
    info["repair"] = {"rounds": args.rounds, "feedback_analyzers": list(feedback_analyzers or ()),
                      "safety_feedback": args.safety_feedback}
    return info


def _cmd_report(args: argparse.Namespace) -> int:
    from realcode.reporting import ReportError, write_report

    try:
        written = write_report(args.results, args.out, training_logs=args.training_log, title=args.title,
                               ks=args.k, rewards=args.reward or (DEFAULT_REWARD,), ablation=args.ablation)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    print(f"report: {written['html']} and {written['markdown']}; tables as CSV and LaTeX in {written['tables']}")
    return EXIT_OK


def _cmd_pairs(args: argparse.Namespace) -> int:
    from realcode.evaluation.results import read_results_file
    from realcode.training.pairs import build_pairs, read_results, write_pairs

    args.limit = None
    for path in args.results:  # refuse files that are not results before loading anything
        read_results_file(path)
    tasks = _load_tasks(args).tasks
    records = read_results(args.results)
    _check_task_ids({str(r["task_id"]) for r in records}, {t.id for t in tasks}, args.benchmark)
    pairs, stats = build_pairs(records, {t.id: t.prompt for t in tasks}, args.max_pairs_per_task, args.similarity)
    write_pairs(pairs, args.out)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
    else:
        print(f"{stats.pairs} pair(s) from {stats.tasks_with_pairs} of {stats.tasks} task(s) -> {args.out}; "
              f"{stats.near_duplicates_dropped} near-duplicate(s) dropped, {stats.tasks_without_clean} task(s) "
              f"without a clean sample, {stats.tasks_without_flawed} without a flawed one")
    return EXIT_OK


def _check_task_ids(found: set[str], known: set[str], benchmark: str) -> None:
    """Results naming tasks the benchmark does not have: an error when none match (the wrong
    --benchmark or --split), a warning naming them when some do not."""
    unknown = sorted(found - known)
    if not unknown:
        return
    shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
    if len(unknown) == len(found):
        raise UsageError(f"no task of the results is in benchmark {benchmark!r} (e.g. {shown}); "
                         "check --benchmark/--split/--data")
    print(f"realcode: warning: {len(unknown)} task id(s) of the results are not in {benchmark!r}: {shown}",
          file=sys.stderr)


def _cmd_tiny_model(args: argparse.Namespace) -> int:
    from realcode.tiny_model import write_tiny_model

    print(f"tiny model written to {write_tiny_model(args.out, seed=args.seed)}")
    return EXIT_OK


def _cmd_train(args: argparse.Namespace) -> int:
    if args.method == "ppo":
        from realcode.training.ppo import ppo_unavailable_reason, run_ppo

        reason = ppo_unavailable_reason()
        if reason is not None:
            print(f"realcode: PPO cannot run here: {reason}", file=sys.stderr)
            return EXIT_USAGE
        return run_ppo(args.model, args.data, args.overrides, args.reward, args.alpha)
    from realcode.training.options import TrainOptions

    options = TrainOptions(model=args.model, output_dir=args.output_dir, max_steps=args.max_steps,
                           save_steps=args.save_steps, learning_rate=args.learning_rate, lora=args.lora,
                           lora_r=args.lora_r, lora_alpha=2 * args.lora_r, seed=args.seed)
    for name in ("benchmark", "data", "split", "limit", "reward", "alpha", "num_generations", "prompts_per_step",
                 "max_prompt_length", "max_completion_length", "temperature", "cwe", "language",
                 "augment_tests"):
        if getattr(args, name, None) is not None:
            setattr(options, name, getattr(args, name))
    options.tasks_file = getattr(args, "tasks", None)
    if args.method in ("grpo", "rloo"):
        from realcode.training.rl import train_rl

        options.beta = args.kl
        result = train_rl(args.method, options)
    elif args.method == "sft":
        from realcode.training.supervised import (
            SFT_HUB_NAME,
            reference_examples,
            rejection_examples,
            train_sft,
        )

        if args.source == "reference":
            examples = reference_examples(args.sft_data or args.data or SFT_HUB_NAME)
        else:
            examples = rejection_examples(options, args.k, args.threshold, args.samples,
                                          report=options.out / "rejection_sampling.json")
        result = train_sft(options, examples, batch_size=args.batch_size, max_length=args.max_length)
    else:
        from realcode.training.supervised import read_pairs, train_dpo

        options.beta = args.beta
        result = train_dpo(options, read_pairs(args.pairs), batch_size=args.batch_size, max_length=args.max_length,
                           ref_model=args.ref_model)
    print(json.dumps(dataclasses.asdict(result)))  # one line: trainers print their own logs above it
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
