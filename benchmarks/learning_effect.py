"""Do realcode's rewards teach? REAL's reward ablation (its Table 4) reproduced at CPU scale.

1. A start policy built here: a byte-level BPE tokenizer and a small Qwen2 model pretrained from
   scratch on the interpreter's standard library and the benchmarks' solutions, then fine-tuned
   (realcode's SFT route) on SecCodePLT+ prompts answered with their patched *and* vulnerable
   solutions (and, at ``--stub-share``, a stub), so that it writes runnable programs, some secure
   and some not.
2. From that checkpoint, GRPO (realcode's TRL route) with each reward: REAL's hybrid (alpha 0.5),
   function only, quality only (hybrid with alpha 1) and realcode's default; same seeds, steps and
   prompts.
3. Before and after, realcode's evaluation on the fixed task set: function, quality, their joint
   rate and ``trivial`` (samples that implement nothing).

Writes ``OUT/summary.json`` (``{"start": M, "runs": {"hybrid": M, ...}}``, mean over seeds, with
``std`` and ``per_seed``), the results files (``OUT/results``), the per-step training logs
(``OUT/logs``) and the report (``OUT/report``: ``realcode report`` with the ablation table and the
reward curves). Artifacts (tokenizer, weights, the task list) are cached under ``--cache``.

    python benchmarks/learning_effect.py --quick --data ../shared/data --out /tmp/learning_effect
    python benchmarks/learning_effect.py --data ../shared/data --out /tmp/learning_effect_full  # 3 seeds, ~40 min
    python benchmarks/learning_effect.py --data ../shared/data --device cuda [--size gpu] --out OUT  # GPU plan, 48 tasks
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from realcode.benchmarks import Task, load_benchmark
from realcode.scoring import Scorer
from realcode.training import TrainOptions
from realcode.training.ablation import ARMS, discriminating_tasks, summary
from realcode.training.policy_eval import evaluate_policy
from realcode.training.pretrain import (
    MODEL_SIZES,
    packed_chunks,
    pretrain,
    small_qwen2,
    stdlib_sources,
    train_code_tokenizer,
)
from realcode.training.start_mix import start_examples


@dataclass(frozen=True)
class Plan:
    """Every size of the experiment; ``--quick`` and the full mode differ only here."""

    tasks: int
    task_pool: int
    size: str
    corpus_bytes: int
    context: int
    pretrain_steps: int
    pretrain_batch: int
    pretrain_lr: float
    sft_steps: int
    sft_batch: int
    sft_lr: float
    stub_share: float
    grpo_steps: int
    prompts_per_step: int
    num_generations: int
    grpo_lr: float
    max_completion: int
    temperature: float
    eval_samples: int
    seeds: tuple[int, ...]


QUICK = Plan(tasks=16, task_pool=80, size="quick", corpus_bytes=2_000_000, context=128, pretrain_steps=150,
             pretrain_batch=8, pretrain_lr=2e-3, sft_steps=400, sft_batch=4, sft_lr=3e-3, stub_share=0.25,
             grpo_steps=20, prompts_per_step=2, num_generations=4, grpo_lr=2e-4, max_completion=128,
             temperature=0.5, eval_samples=4, seeds=(0,))
# The full mode on CPU: twice the tasks, GRPO steps and prompts per step of the quick mode, three
# seeds; the same model and pretraining (cached once for both). About 1-1.5 h on two cores.
FULL = Plan(tasks=32, task_pool=120, size="quick", corpus_bytes=2_000_000, context=128, pretrain_steps=150,
            pretrain_batch=8, pretrain_lr=2e-3, sft_steps=700, sft_batch=4, sft_lr=3e-3, stub_share=0.25,
            grpo_steps=40, prompts_per_step=4, num_generations=4, grpo_lr=2e-4, max_completion=128,
            temperature=0.5, eval_samples=4, seeds=(0, 1, 2))
# The full mode on a GPU (``--device cuda``): a 3.2M model, 48 tasks, 100 steps x 4 prompts x 8 generations.
FULL_GPU = Plan(tasks=48, task_pool=120, size="full", corpus_bytes=8_000_000, context=512, pretrain_steps=1500,
                pretrain_batch=16, pretrain_lr=1e-3, sft_steps=600, sft_batch=8, sft_lr=2e-3, stub_share=0.25,
                grpo_steps=100, prompts_per_step=4, num_generations=8, grpo_lr=1e-4, max_completion=256,
                temperature=0.5, eval_samples=8, seeds=(0, 1, 2))
# Seconds, not minutes: checks that every stage runs (nothing it measures means anything).
SMOKE = Plan(tasks=3, task_pool=8, size="test", corpus_bytes=100_000, context=64, pretrain_steps=3,
             pretrain_batch=2, pretrain_lr=1e-3, sft_steps=2, sft_batch=2, sft_lr=1e-3, stub_share=0.34,
             grpo_steps=1, prompts_per_step=2, num_generations=2, grpo_lr=1e-4, max_completion=16,
             temperature=1.0, eval_samples=1, seeds=(0,))


def log(message: str) -> None:
    print(f"[learning_effect {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def key_of(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:12]


# --- the task set ---------------------------------------------------------------------------------


def task_set(data: str, plan: Plan, cache: Path) -> tuple[list[Task], Path]:
    """The fixed task set, as GRPO's route loads it (``--tasks`` file, hidden-test augmentation), and
    the task-list file (cached: the selection scores each candidate's labeled pair once)."""
    from realcode.training.options import training_tasks

    ids_file = cache / f"tasks-{key_of(str(Path(data).resolve()), plan.tasks, plan.task_pool)}.txt"
    if not ids_file.is_file():
        every = load_benchmark("seccodeplt", data).tasks
        with Scorer() as scorer:
            chosen = discriminating_tasks(every, scorer, plan.tasks, plan.task_pool)
        ids_file.write_text("".join(f"{t.id}\n" for t in chosen), encoding="utf-8")
    tasks = training_tasks(TrainOptions(model="", benchmark="seccodeplt", data=data, tasks_file=str(ids_file)))
    return tasks, ids_file


# --- the start policy -----------------------------------------------------------------------------


def benchmark_solutions(data: str) -> list[str]:
    """Python solutions of the benchmarks (SecCodePLT+ pairs, HumanEval, APPS+), as pretraining text."""
    texts: list[str] = []
    for name in ("seccodeplt", "humaneval", "apps_plus"):
        try:
            tasks = load_benchmark(name, data).tasks
        except Exception as exc:  # a benchmark missing from the data folder: pretrain without it
            log(f"pretraining corpus: {name} left out ({exc})")
            continue
        for task in tasks:
            texts += [code for code in dict.fromkeys(task.solutions.values()) if code]  # ordered: reproducible
    return texts


def start_policy(data: str, plan: Plan, tasks: list[Task], cache: Path, out: Path, device: str) -> dict[str, Any]:
    """Pretrain (cached) and fine-tune (cached) the start policy; the SFT step log goes to OUT/logs."""
    from realcode.training.supervised import train_sft

    size = MODEL_SIZES[plan.size]
    pre_key = key_of("pretrain", asdict(size), plan.corpus_bytes, plan.context, plan.pretrain_steps,
                     plan.pretrain_batch, plan.pretrain_lr, data)
    pretrained = cache / f"pretrained-{pre_key}"
    info: dict[str, Any] = {"model_size": asdict(size)}
    if not (pretrained / "config.json").is_file():
        solutions = benchmark_solutions(data)
        corpus = list(stdlib_sources(plan.corpus_bytes)) + solutions
        log(f"corpus: {len(corpus)} files, {sum(map(len, corpus)) / 1e6:.1f} MB; training the tokenizer")
        tokenizer = train_code_tokenizer(corpus, size.vocab)
        model = small_qwen2(tokenizer, size, max(plan.context, 2048), seed=0)
        chunks = packed_chunks(tokenizer, corpus, plan.context)
        log(f"pretraining {sum(p.numel() for p in model.parameters()) / 1e6:.2f}M parameters on "
            f"{len(chunks)} chunks of {plan.context} tokens")
        result = pretrain(model, chunks, plan.pretrain_steps, plan.pretrain_batch, plan.pretrain_lr, 0, device, log)
        model.save_pretrained(pretrained)
        tokenizer.save_pretrained(pretrained)
        (pretrained / "pretrain.json").write_text(json.dumps({
            "steps": result.steps, "tokens": result.tokens, "seconds": result.seconds,
            "first_loss": result.losses[0], "final_loss": sum(result.losses[-10:]) / len(result.losses[-10:]),
            "chunks": len(chunks), "parameters": sum(p.numel() for p in model.parameters())}))
    info["pretrain"] = json.loads((pretrained / "pretrain.json").read_text())

    examples, mix = start_examples(tasks, plan.stub_share, seed=0)
    sft_key = key_of("sft", pre_key, [t.id for t in tasks], mix.to_dict(), plan.sft_steps, plan.sft_batch, plan.sft_lr)
    sft_dir = cache / f"sft-{sft_key}"
    final = sft_dir / "final"
    if not (final / "config.json").is_file():
        shutil.rmtree(sft_dir, ignore_errors=True)
        log(f"SFT on {len(examples)} examples ({mix.to_dict()}) for {plan.sft_steps} steps")
        began = time.time()
        train_sft(TrainOptions(model=str(pretrained), output_dir=str(sft_dir), lora=False,
                               learning_rate=plan.sft_lr, max_steps=plan.sft_steps, save_steps=10**9, seed=0,
                               extra={"lr_scheduler_type": "cosine", "warmup_steps": 10}),
                  examples, batch_size=plan.sft_batch, max_length=1024)
        (sft_dir / "sft.json").write_text(json.dumps({"seconds": time.time() - began, "steps": plan.sft_steps}))
    info["sft"] = {**json.loads((sft_dir / "sft.json").read_text()), "examples": len(examples), "mix": mix.to_dict()}
    (out / "logs").mkdir(parents=True, exist_ok=True)
    shutil.copy(sft_dir / "realcode_log.jsonl", out / "logs" / "sft.jsonl")
    info["model"] = str(final)
    return info


# --- GRPO arms ------------------------------------------------------------------------------------


def grpo_arm(arm_name: str, seed: int, start: str, data: str, task_list: Path, plan: Plan, out: Path) -> dict[str, Any]:
    from realcode.training.rl import train_rl

    arm = ARMS[arm_name]
    run_dir = out / "grpo" / f"{arm_name}-seed{seed}"
    shutil.rmtree(run_dir, ignore_errors=True)
    options = TrainOptions(model=start, output_dir=str(run_dir), benchmark="seccodeplt", data=data,
                           tasks_file=str(task_list),
                           reward=arm.reward, alpha=arm.alpha, num_generations=plan.num_generations,
                           prompts_per_step=plan.prompts_per_step, max_prompt_length=1024,
                           max_completion_length=plan.max_completion, learning_rate=plan.grpo_lr, beta=0.0,
                           lora=False, max_steps=plan.grpo_steps, save_steps=10**9, seed=seed,
                           temperature=plan.temperature,
                           extra={"gradient_checkpointing": False})  # a small model: memory is no concern, time is
    began = time.time()
    result = train_rl("grpo", options)
    seconds = time.time() - began
    log_copy = out / "logs" / f"{arm_name}-seed{seed}.jsonl"
    shutil.copy(result.log, log_copy)
    rows = [json.loads(line) for line in log_copy.read_text().splitlines() if line.strip()]
    times = [r["time"] for r in rows if "time" in r]
    step_seconds = [b - a for a, b in itertools.pairwise(times)]
    return {"model": result.final_model, "log": str(log_copy), "steps": result.global_step, "seconds": seconds,
            "seconds_per_step": sorted(step_seconds)[len(step_seconds) // 2] if step_seconds else None,
            "first_reward": rows[0].get("reward") if rows else None,
            "last_reward": rows[-1].get("reward") if rows else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one seed, fewer tasks and steps (~20 min on 2 cores)")
    parser.add_argument("--smoke", action="store_true", help="a few seconds per stage: checks the pipeline only")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default=str(Path.home() / ".cache/realcode/learning_effect/out"))
    parser.add_argument("--cache", default=str(Path.home() / ".cache/realcode/learning_effect"))
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")
    parser.add_argument("--size", choices=sorted(MODEL_SIZES), help="model size (default: the mode's)")
    parser.add_argument("--seeds", help="comma-separated GRPO seeds (default: 0 quick, 0,1,2 full)")
    parser.add_argument("--grpo-steps", type=int, help="GRPO steps per arm (default: the mode's)")
    parser.add_argument("--stub-share", type=float, help="share of tasks with a stub answer in the SFT mix")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (0: torch's default)")
    parser.add_argument("--arms", default=",".join(ARMS), help="comma-separated arms to run")
    args = parser.parse_args()

    import torch

    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if args.threads:
        torch.set_num_threads(args.threads)  # on shared cores, more threads than free cores spin and stall
    plan = SMOKE if args.smoke else QUICK if args.quick else FULL_GPU if device == "cuda" else FULL
    overrides: dict[str, Any] = {}
    if args.size:
        overrides["size"] = args.size
    if args.seeds:
        overrides["seeds"] = tuple(int(s) for s in args.seeds.split(","))
    if args.grpo_steps:
        overrides["grpo_steps"] = args.grpo_steps
    if args.stub_share is not None:
        overrides["stub_share"] = args.stub_share
    plan = Plan(**{**asdict(plan), **overrides})
    arms = [a for a in args.arms.split(",") if a]
    unknown = set(arms) - set(ARMS)
    if unknown:
        parser.error(f"unknown arm(s) {sorted(unknown)}; choose from {', '.join(ARMS)}")
    out, cache = Path(args.out), Path(args.cache)
    for folder in (out / "results", out / "logs", cache):
        folder.mkdir(parents=True, exist_ok=True)
    began = time.time()

    tasks, task_list = task_set(args.data, plan, cache)
    log(f"task set: {len(tasks)} SecCodePLT+ tasks ({', '.join(sorted({f'CWE-{t.cwe}' for t in tasks}))})")
    start_info = start_policy(args.data, plan, tasks, cache, out, device)
    start = str(start_info["model"])

    start_rates: list[dict[str, float]] = []
    run_rates: dict[str, list[dict[str, float]]] = {arm: [] for arm in arms}
    training: dict[str, list[dict[str, Any]]] = {arm: [] for arm in arms}
    with Scorer() as scorer:
        def measure(model: str, name: str, seed: int) -> dict[str, float]:
            rates, records = evaluate_policy(model, tasks, out / "results" / f"{name}.jsonl", scorer,
                                             plan.eval_samples, plan.max_completion, plan.temperature,
                                             seed=1000 + seed, data_source=f"{args.data} (tasks {task_list})", device=device)
            by_task: dict[str, bool] = {}
            for record in records:
                by_task[str(record["task_id"])] = by_task.get(str(record["task_id"]), False) or bool(record["runnable"])
            rates["tasks_runnable"] = sum(by_task.values()) / len(by_task)
            log(f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in rates.items() if k != "samples"))
            return rates

        for seed in plan.seeds:
            start_rates.append(measure(start, f"start-seed{seed}", seed))
            for arm in arms:
                log(f"GRPO {arm} (seed {seed}, {plan.grpo_steps} steps)")
                trained = grpo_arm(arm, seed, start, args.data, task_list, plan, out)
                training[arm].append(trained)
                run_rates[arm].append(measure(trained["model"], f"{arm}-seed{seed}", seed))
                shutil.rmtree(Path(trained["model"]).parent / "runs", ignore_errors=True)

    result = summary(start_rates, run_rates, mode="smoke" if args.smoke else "quick" if args.quick else "full", device=device,
                     plan=asdict(plan), tasks=[t.id for t in tasks], start_policy=start_info,
                     training=training, logs={arm: [t["log"] for t in training[arm]] for arm in arms},
                     seconds=time.time() - began)
    (out / "summary.json").write_text(json.dumps(result, indent=2))
    log(f"wrote {out / 'summary.json'} after {time.time() - began:.0f} s")
    render(out, arms, plan.seeds[0])
    return 0


def render(out: Path, arms: list[str], seed: int) -> None:
    """The report of the first seed's runs (results, paired comparison, reward curves) with the ablation table."""
    from realcode.reporting import write_report

    results = [f"start={out / 'results' / f'start-seed{seed}.jsonl'}"]
    results += [f"{arm}={out / 'results' / f'{arm}-seed{seed}.jsonl'}" for arm in arms]
    logs = [f"{arm}={out / 'logs' / f'{arm}-seed{seed}.jsonl'}" for arm in arms]
    written = write_report(results, out / "report", training_logs=logs, title="Learning effect: reward ablation",
                           rewards=("realcode", "hybrid"), ablation=out / "summary.json")
    log(f"report: {written['html']}")


if __name__ == "__main__":
    sys.exit(main())
