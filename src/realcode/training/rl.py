"""GRPO and RLOO on TRL with realcode's rewards (rule-based: the reward is a function, no model)."""

from __future__ import annotations

import sys
from typing import Any

from realcode.integrations.trl import RealcodeReward, make_reward_funcs, to_trl_dataset
from realcode.training.options import TrainOptions, load_tokenizer, lora_config, training_tasks
from realcode.training.trainer import TrainResult, run_trainer, trl_config

METHODS = ("grpo", "rloo")


def prompt_dataset(options: TrainOptions, tokenizer: Any) -> Any:
    """The benchmark's chat prompts (with their tasks), dropping prompts longer than allowed."""
    tasks = training_tasks(options)
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


def train_rl(method: str, options: TrainOptions) -> TrainResult:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; TRL routes: {', '.join(METHODS)} (ppo runs on VeRL)")
    from trl import GRPOConfig, GRPOTrainer, RLOOConfig, RLOOTrainer

    tokenizer = load_tokenizer(options.model)
    dataset = prompt_dataset(options, tokenizer)
    funcs, weights = make_reward_funcs(options.reward, alpha=options.alpha)
    reward = funcs[0]
    assert isinstance(reward, RealcodeReward)
    trainer_class = GRPOTrainer if method == "grpo" else RLOOTrainer
    config = trl_config(GRPOConfig if method == "grpo" else RLOOConfig, options,
                        options.prompts_per_step * options.num_generations,
                        num_generations=options.num_generations,
                        max_completion_length=options.max_completion_length, beta=options.beta,
                        temperature=options.temperature, reward_weights=weights)
    trainer = trainer_class(model=options.model, processing_class=tokenizer, reward_funcs=funcs, args=config,
                            train_dataset=dataset, peft_config=lora_config(options))
    try:
        return run_trainer(method, trainer, tokenizer, options, reward)
    finally:
        reward.scorer.close()
