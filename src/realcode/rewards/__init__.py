"""Reward formulas over Scores (realcode gated default, REAL hybrid, weighted severity, joint, binary function)."""

from realcode.reward_names import DEFAULT_REWARD, REWARD_NAMES
from realcode.rewards.formulas import (
    BinaryFunctionReward,
    GatedReward,
    HybridReward,
    JointReward,
    Reward,
    RewardResult,
    WeightedSeverityReward,
    make_reward,
)

__all__ = [
    "DEFAULT_REWARD",
    "REWARD_NAMES",
    "BinaryFunctionReward",
    "GatedReward",
    "HybridReward",
    "JointReward",
    "Reward",
    "RewardResult",
    "WeightedSeverityReward",
    "make_reward",
]
