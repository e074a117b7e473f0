"""Training routes on TRL (one machine) driven by realcode's scoring: GRPO and RLOO with rule-based
rewards, SFT with LoRA (reference answers or rejection sampling), DPO on analyzer-derived pairs;
PPO runs through the VeRL recipe on GPU clusters. Needs ``pip install realcode[train]``."""

from realcode.training.options import TrainOptions
from realcode.training.pairs import PairStats, build_pairs

__all__ = ["PairStats", "TrainOptions", "build_pairs"]
