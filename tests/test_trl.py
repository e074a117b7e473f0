"""TRL: realcode's reward functions drive a real GRPOTrainer on a tiny model built here (CPU)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.integrations.trl import TASK_COLUMN, make_reward_funcs, to_trl_dataset

pytest.importorskip("torch")
pytest.importorskip("trl")
pytest.importorskip("tokenizers")

CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def tiny_model_and_tokenizer() -> tuple[Any, Any]:
    """A random 2-layer Qwen2 and a byte-level BPE tokenizer trained on a few KB of Python."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    corpus = [t.solutions["reference"] for t in starter_tasks()] + [t.prompt[0]["content"] for t in starter_tasks()]
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    special = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tokenizer.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=400, special_tokens=special, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, eos_token="<|im_end|>",
                                   pad_token="<|endoftext|>", bos_token=None)
    fast.chat_template = CHATML
    config = Qwen2Config(vocab_size=len(fast), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=2048,
                         tie_word_embeddings=True, eos_token_id=fast.eos_token_id,
                         pad_token_id=fast.pad_token_id)
    return Qwen2ForCausalLM(config), fast


def test_reward_function_reads_task_column_and_conversational_completions() -> None:
    tasks = starter_tasks()[:3]
    dataset = to_trl_dataset(tasks)
    funcs, weights = make_reward_funcs("hybrid", alpha=0.5)
    assert weights == [1.0, 0.0, 0.0, 0.0]
    completions = [[{"role": "assistant", "content": f"```python\n{t.solutions[k]}```"}]
                   for t in tasks for k in ("reference", "flawed")]
    columns = {TASK_COLUMN: [row for row in dataset[TASK_COLUMN] for _ in range(2)]}
    rewards = funcs[0](prompts=None, completions=completions, **columns)
    assert rewards[0::2] == [1.0, 1.0, 1.0]  # references: tests pass, no finding
    assert all(r < 1.0 for r in rewards[1::2])  # flawed twins lose quality
    function = funcs[1](prompts=None, completions=completions, **columns)
    assert function == [1.0] * 6  # the flaws are not functional bugs
    assert json.loads(dataset[0][TASK_COLUMN])["id"] == tasks[0].id


def test_grpo_trainer_runs_two_steps_with_realcode_rewards(tmp_path: Path) -> None:
    from trl import GRPOConfig, GRPOTrainer

    model, tokenizer = tiny_model_and_tokenizer()
    dataset = to_trl_dataset(starter_tasks()[:4])
    funcs, weights = make_reward_funcs("hybrid", alpha=0.5)
    args = GRPOConfig(
        output_dir=str(tmp_path), max_steps=2, per_device_train_batch_size=4, num_generations=2,
        max_completion_length=16, learning_rate=1e-4, logging_steps=1, save_strategy="no",
        bf16=False, use_cpu=True, report_to="none", reward_weights=weights, seed=0,
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=funcs, args=args,
                          train_dataset=dataset)
    trainer.train()
    assert trainer.state.global_step == 2
    logged = {k for entry in trainer.state.log_history for k in entry}
    assert any("realcode_hybrid" in k for k in logged), logged
    assert any("realcode_function" in k for k in logged)
    main = funcs[0]
    assert len(main.last_scores) == 4  # type: ignore[attr-defined]
    # random weights write no program: every sample is scored, none runs
    assert all(r.value == -1.0 for r in main.last_results)  # type: ignore[attr-defined]
