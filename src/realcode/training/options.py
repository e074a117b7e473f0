"""Options every training route shares, and the pieces built from them (model, LoRA, devices)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class TrainOptions:
    model: str  # local path or Hub id
    output_dir: str = "runs/realcode"
    benchmark: str = "seccodeplt"
    data: str | None = None
    split: str | None = None
    limit: int | None = None
    reward: str = "realcode"  # realcode (gated, --alpha), hybrid (REAL), weighted, joint, function
    alpha: float = 0.5
    num_generations: int = 4
    prompts_per_step: int = 2
    max_prompt_length: int = 1024
    max_completion_length: int = 512
    learning_rate: float = 1e-6
    beta: float = 0.001  # KL coefficient (GRPO/RLOO), preference temperature (DPO: 0.1)
    lora: bool = True
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    max_steps: int = 100
    save_steps: int = 50
    seed: int = 0
    temperature: float = 1.0
    tasks_file: str | None = None  # only these task ids (realcode select --out)
    cwe: str | None = None  # only these CWEs, comma-separated
    language: str | None = None  # only these languages, comma-separated
    augment_tests: bool = True  # derive hidden tests where the prompt shows too many (as eval does)
    extra: dict[str, Any] = field(default_factory=dict)  # passed to the TRL config as is

    @property
    def out(self) -> Path:
        return Path(self.output_dir)


def lora_config(options: TrainOptions) -> Any:
    if not options.lora:
        return None
    from peft import LoraConfig

    return LoraConfig(r=options.lora_r, lora_alpha=options.lora_alpha, lora_dropout=options.lora_dropout,
                      target_modules="all-linear", task_type="CAUSAL_LM")


def device_arguments() -> dict[str, Any]:
    """CPU machines: fp32 and no CUDA; GPU machines: bf16 where supported."""
    import torch

    if torch.cuda.is_available():
        return {"bf16": torch.cuda.is_bf16_supported(), "use_cpu": False}
    return {"bf16": False, "fp16": False, "use_cpu": True}


def report_to() -> list[str]:
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        return []
    return ["tensorboard"]


def load_tokenizer(model: str) -> Any:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if not getattr(tokenizer, "chat_template", None):
        raise ValueError(f"{model}: the tokenizer has no chat template; prompts are chat messages")
    return tokenizer


def last_checkpoint(output_dir: Path) -> str | None:
    """The newest ``checkpoint-N`` under ``output_dir``, to resume from."""
    checkpoints = sorted((p for p in output_dir.glob("checkpoint-*") if p.name.split("-")[-1].isdigit()),
                         key=lambda p: int(p.name.split("-")[-1]))
    return str(checkpoints[-1]) if checkpoints else None


def training_tasks(options: TrainOptions) -> list[Any]:
    """The benchmark's tasks as eval selects them: --tasks/--cwe/--language, then --limit, then
    hidden-test augmentation, so the reward a policy trains on is the one it is evaluated with."""
    from realcode.benchmarks import load_benchmark
    from realcode.benchmarks.selection import filter_tasks, read_task_list

    def names(text: str | None) -> list[str] | None:
        return [x.strip() for x in text.split(",") if x.strip()] if text else None

    filtered = bool(options.tasks_file or options.cwe or options.language)
    tasks = list(load_benchmark(options.benchmark, options.data, options.split,
                                None if filtered else options.limit).tasks)
    if filtered:
        ids = read_task_list(options.tasks_file) if options.tasks_file else None
        tasks = filter_tasks(tasks, ids, names(options.cwe), names(options.language))[: options.limit]
        if not tasks:
            raise ValueError("no task of the benchmark matches --tasks/--cwe/--language")
    if options.augment_tests:
        from realcode.benchmarks.augment import AugmentOptions, augment_tasks

        tasks, _ = augment_tasks(tasks, AugmentOptions(seed=options.seed))
    return tasks
