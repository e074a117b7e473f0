"""Per-step training logs: the reward and its components, findings per CWE, and TRL's own metrics,
to ``<output_dir>/realcode_log.jsonl`` and TensorBoard (``<output_dir>/runs/realcode``)."""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

from realcode.integrations.trl import RealcodeReward

LOG_NAME = "realcode_log.jsonl"


class RewardLogCallback(TrainerCallback):  # type: ignore[misc,unused-ignore]
    def __init__(self, output_dir: Path, reward: RealcodeReward | None = None) -> None:
        self.path = output_dir / LOG_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.reward = reward
        if reward is not None:
            reward.keep_for_logs = True
        self.writer: Any = None
        try:
            from torch.utils.tensorboard import SummaryWriter

            self.writer = SummaryWriter(str(output_dir / "runs" / "realcode"))
        except ImportError:  # tensorboard not installed: JSONL only
            self.writer = None

    def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None,
               **kwargs: Any) -> None:
        if not logs or "train_runtime" in logs:
            return  # the end-of-training summary is not a step
        row: dict[str, Any] = {"step": int(state.global_step), "time": time.time()}
        row.update({k: float(v) for k, v in logs.items() if isinstance(v, (int, float)) and math.isfinite(v)})
        if self.reward is not None:
            row.update(step_reward_stats(self.reward))
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")
        if self.writer is not None:
            for key, value in row.items():
                if key not in ("step", "time") and isinstance(value, float):
                    self.writer.add_scalar(f"realcode/{key}", value, row["step"])
            self.writer.flush()

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.writer is not None:
            self.writer.close()


def step_reward_stats(reward: RealcodeReward) -> dict[str, Any]:
    drained = reward.drain()
    if not drained:
        return {}
    values = [r.value for _, r in drained]
    mean = sum(values) / len(values)
    stats: dict[str, Any] = {
        "reward": mean,
        "reward_std": (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5,
        "samples": float(len(values)),
    }
    components: dict[str, list[float]] = {}
    for _, result in drained:
        for key, value in result.components.items():
            components.setdefault(key, []).append(float(value))
    stats.update({f"reward_{k}": sum(v) / len(v) for k, v in components.items()})
    per_cwe = Counter(f"findings_cwe_{f.cwe}" for score, _ in drained for f in score.quality_findings() if f.cwe)
    stats.update({k: v / len(drained) for k, v in sorted(per_cwe.items())})
    return stats
