"""Names of the reward formulas (``realcode.rewards``), importable without loading them: the CLI
builds its options from these at start-up."""

REWARD_NAMES = ("realcode", "hybrid", "weighted", "joint", "function")
DEFAULT_REWARD = "realcode"  # quality counts only for code that does the task (GatedReward)
