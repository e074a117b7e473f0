"""Every training route end to end on CPU with the tiny model: two steps, a checkpoint that loads
again, reward components in the logs, and resume from the step it stopped at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.cli import main
from realcode.scoring import Scorer
from realcode.training.pairs import build_pairs

pytest.importorskip("torch")
pytest.importorskip("trl")
pytest.importorskip("peft")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("tiny") / "model"
    assert main(["tiny-model", str(out)]) == 0
    assert (out / "config.json").is_file() and (out / "tokenizer_config.json").is_file()
    return str(out)


def _log(run: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (run / "realcode_log.jsonl").read_text().splitlines()]


def _train(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(argv) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]  # trainers print their logs before it
    result: dict[str, Any] = json.loads(last)
    return result


def _loads_again(path: Path, adapter: bool) -> None:
    if adapter:
        from peft import AutoPeftModelForCausalLM

        model = AutoPeftModelForCausalLM.from_pretrained(str(path))
    else:
        from transformers import AutoModelForCausalLM

        model = AutoModelForCausalLM.from_pretrained(str(path))
    assert sum(p.numel() for p in model.parameters()) > 0


def test_grpo_with_lora_logs_rewards_checkpoints_and_resumes(tiny: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "grpo"
    argv = ["train", "grpo", "--model", tiny, "--output-dir", str(run), "--benchmark", "starter", "--limit", "4",
            "--num-generations", "2", "--prompts-per-step", "2", "--max-completion-length", "16",
            "--learning-rate", "1e-4", "--save-steps", "1", "--reward", "hybrid", "--alpha", "0.5"]
    first = _train([*argv, "--max-steps", "2"], capsys)
    assert first["global_step"] == 2 and first["resumed_from"] is None
    _loads_again(run / "checkpoint-2", adapter=True)
    _loads_again(Path(first["final_model"]), adapter=True)
    rows = _log(run)
    assert [r["step"] for r in rows] == [1, 2]
    for key in ("reward", "reward_function", "reward_quality", "reward_runnable", "loss"):
        assert key in rows[0], key
    assert rows[0]["reward"] == -1.0  # random weights write no program: every sample is invalid
    assert list((run / "runs" / "realcode").glob("events.out.tfevents.*"))
    second = _train([*argv, "--max-steps", "3"], capsys)
    assert second["resumed_from"].endswith("checkpoint-2") and second["global_step"] == 3
    assert [r["step"] for r in _log(run)] == [1, 2, 3]


def test_rloo_full_fine_tuning(tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "rloo"
    result = _train(["train", "rloo", "--model", tiny, "--output-dir", str(run), "--benchmark", "starter",
                     "--limit", "2", "--num-generations", "2", "--prompts-per-step", "1",
                     "--max-completion-length", "12", "--learning-rate", "1e-4", "--max-steps", "2",
                     "--save-steps", "1", "--no-lora", "--reward", "weighted"], capsys)
    assert result["global_step"] == 2
    _loads_again(run / "checkpoint-2", adapter=False)
    assert "reward_penalty" in _log(run)[0]


def test_sft_on_reference_answers(tiny: str, tmp_path: Path, data_dir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "sft"
    result = _train(["train", "sft", "--model", tiny, "--output-dir", str(run), "--sft-data", str(data_dir),
                     "--max-steps", "2", "--save-steps", "1", "--learning-rate", "1e-4"], capsys)
    assert result["global_step"] == 2
    _loads_again(run / "checkpoint-2", adapter=True)
    assert "loss" in _log(run)[0]


def test_sft_by_rejection_sampling_keeps_only_clean_programs(tiny: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    samples = tmp_path / "samples.jsonl"
    tasks = starter_tasks()[:3]
    with samples.open("w") as handle:
        for task in tasks:
            for kind in ("reference", "flawed"):
                handle.write(json.dumps({"task_id": task.id,
                                         "completion": f"```python\n{task.solutions[kind]}\n```"}) + "\n")
    run = tmp_path / "rs"
    result = _train(["train", "sft", "--model", tiny, "--output-dir", str(run), "--source", "rejection",
                     "--benchmark", "starter", "--limit", "3", "--samples", str(samples), "--threshold", "1.0",
                     "--max-steps", "2", "--save-steps", "1", "--learning-rate", "1e-4"], capsys)
    report = json.loads((run / "rejection_sampling.json").read_text())
    assert report["sampled"] == 6 and report["kept"] == 3  # the references; the flawed twins lose quality
    assert result["global_step"] == 2


def test_pairs_then_dpo(tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for kind in ("reference", "flawed"):
        out = tmp_path / f"{kind}.jsonl"
        assert main(["eval", "--benchmark", "starter", "--solutions", kind, "--out", str(out), "--no-progress"]) == 0
        results.append(str(out))
    capsys.readouterr()
    pairs_file = tmp_path / "pairs.jsonl"
    assert main(["pairs", *results, "--benchmark", "starter", "--out", str(pairs_file), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    pairs = [json.loads(line) for line in pairs_file.read_text().splitlines()]
    # one pair per task with a clean reference and a flagged twin (the engine misses some twins)
    assert stats["pairs"] == len(pairs) == stats["tasks_with_pairs"] >= 15
    # The chosen side, scored afresh, is always clean and passing; the rejected side never is.
    by_id = {t.id: t for t in starter_tasks()}
    with Scorer() as scorer:
        chosen = scorer.score_many([by_id[p["task_id"]] for p in pairs], [p["chosen"][0]["content"] for p in pairs])
        rejected = scorer.score_many([by_id[p["task_id"]] for p in pairs], [p["rejected"][0]["content"] for p in pairs])
    assert all(s.function_passed and s.quality_passed for s in chosen)
    assert not any(s.function_passed and s.quality_passed for s in rejected)
    assert all(p["reason"] for p in pairs)
    run = tmp_path / "dpo"
    result = _train(["train", "dpo", "--model", tiny, "--output-dir", str(run), "--pairs", str(pairs_file),
                     "--max-steps", "2", "--save-steps", "1", "--beta", "0.1", "--learning-rate", "1e-4",
                     "--max-length", "1024"], capsys)
    assert result["global_step"] == 2
    _loads_again(run / "checkpoint-2", adapter=True)
    assert "rewards/margins" in _log(run)[0]


def test_pairs_drop_ties_and_near_duplicates() -> None:
    prompt = {"t": [{"role": "user", "content": "x"}]}
    base = {"task_id": "t", "quality_analyzers": ["security"], "runnable": True, "test": {"cases": []}}
    clean = {**base, "code": "def f(x):\n    return int(x)\n", "function_passed": True, "quality_passed": True}
    same = {**base, "code": "def f(x):\n    return int(x)   # cast\n", "function_passed": True,
            "quality_passed": False, "findings": [{"analyzer": "security", "rule_id": "security/x", "cwe": 89,
                                                   "line": 2}]}
    other_clean = {**clean, "code": "def f(x):\n    return int(x) + 0\n"}
    pairs, stats = build_pairs([clean, same, other_clean], prompt)
    assert stats.near_duplicates_dropped == 1  # clean vs same differ only by a comment
    assert len(pairs) == 1 and pairs[0]["chosen"][0]["content"].count("+ 0") == 1  # no clean/clean tie


def test_ppo_refuses_clearly_without_gpus(capsys: pytest.CaptureFixture[str]) -> None:
    from realcode.training.ppo import ppo_unavailable_reason

    reason = ppo_unavailable_reason()
    if reason is None:
        pytest.skip("this machine can run VeRL PPO")
    assert main(["train", "ppo", "--model", "Qwen/Qwen2.5-Coder-7B-Instruct"]) == 2
    assert "PPO cannot run here" in capsys.readouterr().err


def _verl_python() -> Path:
    python = Path(os.environ.get("REALCODE_VERL_PYTHON", ROOT / ".venv-verl" / "bin" / "python"))
    if not python.is_file():
        pytest.skip("no VeRL environment (`make test` builds .venv-verl; or set REALCODE_VERL_PYTHON)")
    return python


def test_verl_loads_realcode_reward_and_scores_safesql_rows(tiny: str, data_dir: Path) -> None:
    python = _verl_python()
    done = subprocess.run([str(python), str(ROOT / "tests" / "verl_reward_check.py"), "--data", str(data_dir),
                           "--tokenizer", tiny, "--rows", "3"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["manager"] == "NaiveRewardManager"
    scores = dict(zip(range(len(result["kinds"])), result["scores"], strict=True))
    for index, kind in enumerate(result["kinds"]):
        extra = result["extra"][index]
        if kind == "reference":  # functional, and SQL text built from input: flagged
            assert scores[index] == 0.5 and extra["function"] == 1.0 and extra["quality"] == 0.0
        elif kind == "twin":  # parameterised: no finding
            assert extra["quality"] == 1.0
        else:
            assert scores[index] == -1.0
    assert result["rm_scores_sum"] == pytest.approx(result["scores"], abs=1e-6)
    assert sys.executable != str(python)


def test_step_logs_carry_findings_per_cwe() -> None:
    from realcode.integrations.trl import TASK_COLUMN, make_reward_funcs, to_trl_dataset
    from realcode.training.logs import step_reward_stats

    tasks = starter_tasks()[:3]  # SQL injection tasks
    dataset = to_trl_dataset(tasks)
    funcs, _ = make_reward_funcs("hybrid", alpha=0.5)
    funcs[0].keep_for_logs = True  # type: ignore[attr-defined]  # as RewardLogCallback does
    completions = [f"```python\n{t.solutions[kind]}\n```" for t in tasks for kind in ("reference", "flawed")]
    funcs[0](prompts=None, completions=completions,
             **{TASK_COLUMN: [row for row in dataset[TASK_COLUMN] for _ in range(2)]})
    stats = step_reward_stats(funcs[0])  # type: ignore[arg-type]
    assert stats["samples"] == 6.0 and stats["reward"] == pytest.approx((3 * 1.0 + 3 * 0.5) / 6)
    assert stats["reward_function"] == 1.0 and stats["reward_quality"] == 0.5
    assert stats["findings_cwe_89"] == pytest.approx(3 / 6)
    assert step_reward_stats(funcs[0]) == {}  # drained: the next step starts afresh  # type: ignore[arg-type]


def test_reward_keeps_nothing_for_logs_unless_a_logger_asks() -> None:
    from realcode.integrations.trl import TASK_COLUMN, make_reward_funcs, to_trl_dataset
    from realcode.training.logs import step_reward_stats

    task = starter_tasks()[0]
    funcs, _ = make_reward_funcs("hybrid")
    funcs[0](prompts=None, completions=[f"```python\n{task.solutions['reference']}\n```"],
             **{TASK_COLUMN: to_trl_dataset([task])[TASK_COLUMN]})
    assert step_reward_stats(funcs[0]) == {}  # type: ignore[arg-type]  # a long run without our logger grows nothing
