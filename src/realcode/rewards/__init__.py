"""Reward formulas over Scores (REAL hybrid, weighted severity, joint, binary function)."""

from realcode.rewards.formulas import (
    BinaryFunctionReward,
    HybridReward,
    JointReward,
    Reward,
    RewardResult,
    WeightedSeverityReward,
    make_reward,
)

__all__ = [
    "BinaryFunctionReward",
    "HybridReward",
    "JointReward",
    "Reward",
    "RewardResult",
    "WeightedSeverityReward",
    "make_reward",
]
