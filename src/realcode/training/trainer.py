"""What every TRL route does around its trainer: the config from shared options, the step logs,
resume from the newest checkpoint, and the final model saved with its tokenizer."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from realcode.integrations.trl import RealcodeReward
from realcode.training.logs import LOG_NAME, RewardLogCallback
from realcode.training.options import TrainOptions, device_arguments, last_checkpoint, report_to


@dataclass
class TrainResult:
    method: str
    global_step: int
    resumed_from: str | None
    output_dir: str
    final_model: str
    log: str


def trl_config(config_class: Any, options: TrainOptions, batch_size: int, **specific: Any) -> Any:
    """A TRL config from the shared options, route-specific arguments and ``options.extra``
    (each kept only where the config class has the field)."""
    arguments: dict[str, Any] = {
        "output_dir": str(options.out), "max_steps": options.max_steps, "per_device_train_batch_size": batch_size,
        "learning_rate": options.learning_rate, "logging_steps": 1, "save_strategy": "steps",
        "save_steps": options.save_steps, "seed": options.seed, "report_to": report_to(), **device_arguments(),
        **specific,
    }
    known = {f.name for f in dataclasses.fields(config_class)}
    arguments.update({k: v for k, v in options.extra.items() if k in known})
    return config_class(**{k: v for k, v in arguments.items() if k in known})


def run_trainer(method: str, trainer: Any, tokenizer: Any, options: TrainOptions,
                reward: RealcodeReward | None = None) -> TrainResult:
    trainer.add_callback(RewardLogCallback(options.out, reward))
    resume = last_checkpoint(options.out)
    trainer.train(resume_from_checkpoint=resume)
    final = options.out / "final"
    trainer.save_model(str(final))
    tokenizer.save_pretrained(str(final))
    return TrainResult(method, int(trainer.state.global_step), resume, str(options.out), str(final),
                       str(options.out / LOG_NAME))
