"""The learning-effect pipeline's pieces on a tiny setting (seconds): the start mix, the pretraining
loop, the policy rates, the task selection, the summary and its report section."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.code.trivial import is_trivial
from realcode.training.ablation import ARMS, round_robin_by_cwe, spread, summary
from realcode.training.policy_eval import policy_metrics, trivial_rate
from realcode.training.start_mix import start_examples, stub_program


def _record(task: str, *, code: str | None, function: bool, quality: bool) -> dict[str, Any]:
    return {"task_id": task, "code_found": code is not None, "code": code, "compiles": code is not None,
            "runnable": code is not None, "function_passed": function, "quality_passed": quality,
            "function_pass_rate": float(function), "test": {"cases": 1}}


def test_quality_only_arm_is_hybrid_with_alpha_one() -> None:
    from realcode.rewards import HybridReward, make_reward

    arm = ARMS["quality"]
    reward = make_reward(arm.reward, arm.alpha)
    assert isinstance(reward, HybridReward) and reward.alpha == 1.0
    assert (ARMS["hybrid"].reward, ARMS["hybrid"].alpha) == ("hybrid", 0.5)
    assert ARMS["function"].reward == "function" and ARMS["default"].reward == "realcode"


def test_stub_keeps_the_signature_and_implements_nothing() -> None:
    task = next(t for t in starter_tasks() if t.entry_point)
    for body in ("pass", "raise NotImplementedError", "return None"):
        stub = stub_program(task, body)
        assert stub is not None and is_trivial(stub)
        function = ast.parse(stub).body[0]
        assert isinstance(function, ast.FunctionDef) and function.name == task.entry_point


def test_start_mix_pairs_secure_and_insecure_answers() -> None:
    tasks = [t for t in starter_tasks() if t.entry_point]
    for task in tasks:  # the starter set has no labeled pair: give each one a vulnerable twin
        task.solutions.setdefault("patched", task.solutions["reference"])
        task.solutions.setdefault("vulnerable", task.solutions["reference"] + "\n# insecure twin\n")
    examples, mix = start_examples(tasks, stub_share=0.5, seed=3)
    assert mix.patched == mix.vulnerable == len(tasks)
    assert mix.stubs == round(0.5 * len(tasks))
    assert len(examples) == mix.patched + mix.vulnerable + mix.stubs
    answers = [e["completion"][0]["content"] for e in examples]
    assert all(a.startswith("```python\n") and a.endswith("\n```") for a in answers)
    assert sum(is_trivial(a.removeprefix("```python\n").removesuffix("\n```")) for a in answers) >= mix.stubs
    with pytest.raises(ValueError):
        start_examples(tasks, stub_share=1.5, seed=0)


def test_trivial_rate_counts_missing_and_empty_code() -> None:
    records = [_record("a", code=None, function=False, quality=False),
               _record("a", code="def f(x):\n    pass\n", function=False, quality=True),
               _record("b", code="def f(x):\n    return x * 2 + 1\n", function=True, quality=True),
               _record("b", code="def f(x):\n    return eval(x)\n", function=True, quality=False)]
    assert trivial_rate(records) == 0.5
    rates = policy_metrics(records)
    assert rates["function"] == 0.5 and rates["quality"] == 0.5
    assert rates["function_quality"] == 0.25 and rates["trivial"] == 0.5 and rates["samples"] == 4
    assert rates["stub"] == 0.25  # the empty body that parses; the missing code is not a stub


def test_round_robin_covers_cwes_first() -> None:
    tasks = [t for t in starter_tasks() if t.cwe]
    ordered = round_robin_by_cwe(tasks)
    assert sorted(t.id for t in ordered) == sorted(t.id for t in tasks)
    distinct = len({t.cwe for t in tasks})
    assert len({t.cwe for t in ordered[:distinct]}) == distinct


def test_summary_shape_mean_and_spread() -> None:
    start = [{"function": 0.5, "quality": 0.4, "function_quality": 0.2, "trivial": 0.1}]
    runs = {"hybrid": [{"function": 0.6, "quality": 0.6, "function_quality": 0.4, "trivial": 0.0},
                       {"function": 0.8, "quality": 0.4, "function_quality": 0.2, "trivial": 0.2}]}
    result = summary(start * 2, runs, mode="test")
    assert set(result) >= {"start", "runs", "std", "per_seed", "arms", "mode"}
    assert result["runs"]["hybrid"]["function"] == pytest.approx(0.7)
    assert result["std"]["runs"]["hybrid"]["function"] == pytest.approx(0.1414, abs=1e-3)
    assert result["std"]["start"]["quality"] == 0.0
    assert spread(start)["std"]["function"] == 0.0


@pytest.fixture
def one_thread() -> Any:
    """One torch thread: on shared cores more threads than free cores stall each other."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_pretraining_lowers_the_loss_of_a_tiny_model(one_thread: None) -> None:
    from realcode.training.pretrain import (
        MODEL_SIZES,
        packed_chunks,
        pretrain,
        small_qwen2,
        train_code_tokenizer,
    )

    texts = [t.solutions["reference"] for t in starter_tasks()] * 4
    tokenizer = train_code_tokenizer(texts, MODEL_SIZES["test"].vocab)
    assert tokenizer.chat_template and tokenizer.eos_token == "<|im_end|>"
    assert tokenizer.decode(tokenizer("def f(x):\n    return x\n")["input_ids"]) == "def f(x):\n    return x\n"
    model = small_qwen2(tokenizer, MODEL_SIZES["test"], context=64, seed=0)
    chunks = packed_chunks(tokenizer, texts, 32)
    assert chunks and all(len(c) == 32 for c in chunks)
    result = pretrain(model, chunks, steps=20, batch_size=2, learning_rate=1e-2, seed=0)
    assert result.steps == 20 and result.seconds > 0
    assert sum(result.losses[-5:]) / 5 < result.losses[0] - 0.5


def test_report_renders_the_ablation(tmp_path: Path) -> None:
    from realcode.evaluation.runner import evaluate, samples_from_solutions
    from realcode.reporting import write_report
    from realcode.reports.ablation import ablation_table

    task = starter_tasks()[0]
    results = tmp_path / "start.jsonl"
    evaluate([task], samples_from_solutions([task], "reference").samples, results, progress=False)
    rates = {"function": 1.0, "quality": 1.0, "function_quality": 1.0, "trivial": 0.0}
    data = summary([rates], {"hybrid": [rates], "quality": [{**rates, "trivial": 1.0, "function": 0.0}]},
                   training={"hybrid": [{"steps": 4, "seconds": 8.0, "seconds_per_step": 2.0}]})
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(data))
    table = ablation_table(data)
    assert [row[0].text for row in table.rows] == ["start", "hybrid", "quality"]
    trivial = table.header.index("Trivial")
    assert table.rows[2][trivial].text == "1.000" and table.rows[2][-1].text == "–"  # no runnable rate given
    assert "4 steps" in table.notes[0]
    written = write_report([f"start={results}"], tmp_path / "report", ablation=path)
    assert "Reward ablation" in written["markdown"].read_text()
    assert written["ablation.png"].read_bytes().startswith(b"\x89PNG")


def test_curves_average_seeds_per_step(tmp_path: Path) -> None:
    from realcode.reports.ablation import _step_means, ablation_curves

    logs = []
    for seed, rewards in enumerate(([0.0, 0.5], [1.0, 0.5])):
        path = tmp_path / f"hybrid-seed{seed}.jsonl"
        path.write_text("".join(json.dumps({"step": i + 1, "reward": r, "reward_function": r}) + "\n"
                                for i, r in enumerate(rewards)))
        logs.append(str(path))
    assert _step_means(logs, "reward") == [(1, 0.5), (2, 0.5)]
    assert ablation_curves({"logs": {"hybrid": logs}}).startswith(b"\x89PNG")  # type: ignore[union-attr]
    assert ablation_curves({"logs": {"hybrid": [str(tmp_path / "missing.jsonl")]}}) is None
