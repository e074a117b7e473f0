"""SFT with LoRA (reference answers, or rejection sampling on realcode's reward) and DPO on pairs."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realcode.jsonl import read_objects
from realcode.training.options import TrainOptions, load_tokenizer, lora_config, training_tasks
from realcode.training.trainer import TrainResult, run_trainer, trl_config

SFT_HUB_NAME = "fengyao1909/SecCodePLT_SFT"  # the REAL release's SFT set (question / answer)


# --- SFT ------------------------------------------------------------------------------------------


def reference_examples(source: str) -> list[dict[str, Any]]:
    """Prompt/completion chat examples from a question/answer set: a parquet or JSONL file, a
    folder holding ``seccodeplt_sft/train.parquet`` or ``train.parquet``, or a Hub dataset name."""
    import datasets

    path = Path(source)
    candidates = [path, path / "seccodeplt_sft" / "train.parquet", path / "train.parquet"]
    found = next((p for p in candidates if p.is_file()), None)
    if found is not None:
        kind = "json" if found.suffix in (".jsonl", ".json") else "parquet"
        rows = datasets.load_dataset(kind, data_files=str(found), split="train")
    elif path.exists():
        raise FileNotFoundError(f"{source}: no train.parquet or seccodeplt_sft/train.parquet inside")
    else:
        rows = datasets.load_dataset(source, split="train")
    examples = []
    for row in rows:
        question, answer = row.get("question"), row.get("answer")
        if isinstance(question, str) and isinstance(answer, str) and question.strip() and answer.strip():
            examples.append({"prompt": [{"role": "user", "content": question}],
                             "completion": [{"role": "assistant", "content": answer}]})
    if not examples:
        raise ValueError(f"{source}: no rows with a 'question' and an 'answer'")
    return examples


def rejection_examples(options: TrainOptions, k: int, threshold: float, samples: str | None = None,
                       report: Path | None = None) -> list[dict[str, Any]]:
    """Sample ``k`` completions per prompt from the model (or read them from a completions file),
    score them and keep those whose reward reaches ``threshold``."""
    from realcode.evaluation.runner import read_completions
    from realcode.rewards import make_reward
    from realcode.scoring import Scorer

    tasks = training_tasks(options)
    by_id = {t.id: t for t in tasks}
    if samples is not None:
        pairs = [(by_id[s.task_id], s.completion) for s in read_completions(samples, tasks).samples]
    else:
        from realcode.generation import SamplingParams
        from realcode.generation.local import TransformersBackend

        backend = TransformersBackend(options.model)
        outputs = backend.generate([t.prompt for t in tasks], k, SamplingParams(
            temperature=options.temperature, max_tokens=options.max_completion_length, seed=options.seed))
        pairs = [(task, c.text) for task, group in zip(tasks, outputs, strict=True) for c in group]
        backend.close()
    reward = make_reward(options.reward, options.alpha)
    with Scorer() as scorer:
        scores = scorer.score_many([t for t, _ in pairs], [c for _, c in pairs])
    kept = []
    values = []
    for (task, completion), score in zip(pairs, scores, strict=True):
        value = reward(score).value
        values.append(value)
        if completion is not None and value >= threshold:
            kept.append({"prompt": [dict(m) for m in task.prompt],
                         "completion": [{"role": "assistant", "content": completion}]})
    summary = {"sampled": len(pairs), "kept": len(kept), "threshold": threshold,
               "mean_reward": sum(values) / len(values) if values else None}
    print(f"realcode: rejection sampling kept {len(kept)} of {len(pairs)} (reward >= {threshold})", file=sys.stderr)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(summary, indent=2))
    if not kept:
        raise ValueError(f"no completion reached reward {threshold}: nothing to fine-tune on")
    return kept


def train_sft(options: TrainOptions, examples: Sequence[dict[str, Any]], batch_size: int = 2,
              max_length: int = 2048) -> TrainResult:
    import datasets
    from trl import SFTConfig, SFTTrainer

    tokenizer = load_tokenizer(options.model)
    config = trl_config(SFTConfig, options, batch_size, max_length=max_length, completion_only_loss=True)
    trainer = SFTTrainer(model=options.model, args=config, train_dataset=datasets.Dataset.from_list(list(examples)),
                         processing_class=tokenizer, peft_config=lora_config(options))
    return run_trainer("sft", trainer, tokenizer, options)


# --- DPO ------------------------------------------------------------------------------------------


def read_pairs(path: str | Path) -> list[dict[str, Any]]:
    rows = [{"prompt": item["prompt"], "chosen": item["chosen"], "rejected": item["rejected"]}
            for item in read_objects(path)[0] if {"prompt", "chosen", "rejected"} <= set(item)]
    if not rows:
        raise ValueError(f"{path}: no preference pairs (make them with `realcode pairs`)")
    return rows


def train_dpo(options: TrainOptions, pairs: Sequence[dict[str, Any]], batch_size: int = 2,
              max_length: int = 2048, ref_model: str | None = None) -> TrainResult:
    import datasets
    from transformers import AutoModelForCausalLM
    from trl import DPOConfig, DPOTrainer

    tokenizer = load_tokenizer(options.model)
    config = trl_config(DPOConfig, options, batch_size, beta=options.beta, max_length=max_length)
    reference = AutoModelForCausalLM.from_pretrained(ref_model) if ref_model else None
    trainer = DPOTrainer(model=options.model, ref_model=reference, args=config,
                         train_dataset=datasets.Dataset.from_list(list(pairs)), processing_class=tokenizer,
                         peft_config=lora_config(options))
    return run_trainer("dpo", trainer, tokenizer, options)
