"""GRPO and RLOO on TRL with realcode's rewards (rule-based: the reward is a function, no model)."""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from typing import Any

from realcode.benchmarks import load_benchmark
from realcode.integrations.trl import RealcodeReward, make_reward_funcs, to_trl_dataset
from realcode.training.logs import RewardLogCallback
from realcode.training.options import (
    TrainOptions,
    device_arguments,
    last_checkpoint,
    load_tokenizer,
    lora_config,
    report_to,
)

METHODS = ("grpo", "rloo")


@dataclass
class TrainResult:
    method: str
    global_step: int
    resumed_from: str | None
    output_dir: str
    final_model: str
    log: str


def prompt_dataset(options: TrainOptions, tokenizer: Any) -> Any:
    """The benchmark's chat prompts (with their tasks), dropping prompts longer than allowed."""
    tasks = load_benchmark(options.benchmark, options.data, options.split, options.limit).tasks
    kept = []
    for task in tasks:
        ids = tokenizer.apply_chat_template([dict(m) for m in task.prompt], tokenize=True, add_generation_prompt=True)
        if hasattr(ids, "keys"):  # some tokenizers return a BatchEncoding
            ids = ids["input_ids"]
        if len(ids) <= options.max_prompt_length:
            kept.append(task)
    if len(kept) < len(tasks):
        print(f"realcode: {len(tasks) - len(kept)} prompt(s) longer than {options.max_prompt_length} tokens "
              "left out", file=sys.stderr)
    if not kept:
        raise ValueError("no prompt fits --max-prompt-length")
    return to_trl_dataset(kept)


def _config(method: str, options: TrainOptions, weights: list[float]) -> Any:
    from trl import GRPOConfig, RLOOConfig

    config_class = GRPOConfig if method == "grpo" else RLOOConfig
    arguments: dict[str, Any] = {
        "output_dir": str(options.out), "max_steps": options.max_steps,
        "per_device_train_batch_size": options.prompts_per_step * options.num_generations,
        "num_generations": options.num_generations, "max_completion_length": options.max_completion_length,
        "learning_rate": options.learning_rate, "beta": options.beta, "temperature": options.temperature,
        "logging_steps": 1, "save_strategy": "steps", "save_steps": options.save_steps, "seed": options.seed,
        "report_to": report_to(), "reward_weights": weights, **device_arguments(),
    }
    known = {f.name for f in dataclasses.fields(config_class)}
    arguments.update({k: v for k, v in options.extra.items() if k in known})
    return config_class(**{k: v for k, v in arguments.items() if k in known})


def train_rl(method: str, options: TrainOptions) -> TrainResult:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; TRL routes: {', '.join(METHODS)} (ppo runs on VeRL)")
    from trl import GRPOTrainer, RLOOTrainer

    tokenizer = load_tokenizer(options.model)
    dataset = prompt_dataset(options, tokenizer)
    funcs, weights = make_reward_funcs(options.reward, alpha=options.alpha)
    reward = funcs[0]
    assert isinstance(reward, RealcodeReward)
    trainer_class = GRPOTrainer if method == "grpo" else RLOOTrainer
    trainer = trainer_class(model=options.model, processing_class=tokenizer, reward_funcs=funcs,
                            args=_config(method, options, weights), train_dataset=dataset,
                            peft_config=lora_config(options))
    trainer.add_callback(RewardLogCallback(options.out, reward))
    resume = last_checkpoint(options.out)
    trainer.train(resume_from_checkpoint=resume)
    final = options.out / "final"
    trainer.save_model(str(final))
    tokenizer.save_pretrained(str(final))
    reward.scorer.close()
    return TrainResult(method, int(trainer.state.global_step), resume, str(options.out), str(final),
                       str(options.out / "realcode_log.jsonl"))
