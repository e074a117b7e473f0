"""Scoring: analysis and execution of completions into Scores, in batches."""

from realcode.scoring.score import Score
from realcode.scoring.scorer import Scorer, ScoringConfig, score_many

__all__ = ["Score", "Scorer", "ScoringConfig", "score_many"]
