"""TRL: realcode's reward functions drive a real GRPOTrainer on a tiny model built here (CPU)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.integrations.trl import TASK_COLUMN, make_reward_funcs, to_trl_dataset
from realcode.tiny_model import tiny_model_and_tokenizer

pytest.importorskip("torch")
pytest.importorskip("trl")
pytest.importorskip("tokenizers")

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
