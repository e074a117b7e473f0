"""PPO runs on VeRL (actor, critic and vLLM rollouts across GPUs), through the bundled recipe."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

RECIPE = Path(__file__).resolve().parents[3] / "recipes" / "verl" / "run_ppo.sh"


def ppo_unavailable_reason() -> str | None:
    """Why PPO cannot run here, or None when it can."""
    if importlib.util.find_spec("verl") is None:
        return ("VeRL is not installed in this environment. PPO needs actor, critic and rollout workers "
                "on GPUs: on a GPU machine, create an environment with `pip install verl` and "
                "`pip install -e .` (realcode), then run `bash recipes/verl/run_ppo.sh` (see README). "
                "On one machine without GPUs use `realcode train grpo` or `realcode train rloo`.")
    try:
        import torch
    except ImportError:
        return "PyTorch is not installed (pip install torch)."
    if not torch.cuda.is_available():
        return ("no CUDA GPU visible: VeRL's PPO recipe runs vLLM rollouts and FSDP actor/critic on GPUs. "
                "Use `realcode train grpo` or `realcode train rloo` on this machine.")
    if not RECIPE.is_file() or shutil.which("bash") is None:
        return f"the VeRL recipe {RECIPE} is missing (run from a realcode source checkout)"
    return None


def run_ppo(model: str, data: str, overrides: Sequence[str] = (), reward: str = "realcode",
            alpha: float = 0.5) -> int:
    reason = ppo_unavailable_reason()
    if reason is not None:
        raise RuntimeError(reason)
    env = {**os.environ, "REALCODE_MODEL": model, "REALCODE_DATA": data, "REALCODE_REWARD": reward,
           "REALCODE_ALPHA": str(alpha)}
    return subprocess.call(["bash", str(RECIPE), *overrides], env=env)
