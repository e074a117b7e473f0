"""Spread scoring over a Ray cluster (the `ray` extra): one actor per CPU, each with its own warm sandbox workers.

    Scorer(ScoringConfig(backend="ray"))          # or: realcode eval ... --ray [--ray-address ADDR]

Tasks and scores cross the wire as plain dicts; every actor scores its share with the same local
pipeline (same sandbox, analyzers and cache key), so verdicts do not depend on the backend.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from realcode.benchmarks.task import Task
from realcode.scoring.score import Score


class _ScorerActor:
    def __init__(self, config_fields: dict[str, Any]) -> None:
        from realcode.scoring.scorer import Scorer, ScoringConfig

        self.scorer = Scorer(ScoringConfig(**config_fields))

    def score(self, tasks: list[dict[str, Any]], completions: list[str | None],
              indices: list[int]) -> list[dict[str, Any]]:
        scores = self.scorer.score_many([Task.from_dict(t) for t in tasks], completions, indices)
        return [s.to_dict() for s in scores]


class RayScorer:
    """``score_many`` over Ray actors (started on first use; ``address`` None = local or env)."""

    def __init__(self, config: Any, address: str | None = None, actors: int | None = None) -> None:
        import ray

        if not ray.is_initialized():
            ray.init(address=address, ignore_reinit_error=True, include_dashboard=False,
                     log_to_driver=False)
        cluster: Any = ray  # typed partially upstream; the same code must check with or without it
        count = actors or max(int(cluster.cluster_resources().get("CPU", 1)), 1)
        fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
        fields.update(backend="local", workers=1)  # one sandbox at a time per actor (per CPU)
        actor_class: Any = ray.remote(num_cpus=1)(_ScorerActor)  # Ray's handles are dynamic
        self._actors: list[Any] = [actor_class.remote(fields) for _ in range(count)]

    def score_many(self, tasks: Sequence[Task], completions: Sequence[str | None],
                   sample_indices: Sequence[int] | None = None) -> list[Score]:
        import ray

        indices = list(sample_indices) if sample_indices is not None else [0] * len(tasks)
        shares: list[list[int]] = [[] for _ in self._actors]
        for position in range(len(tasks)):  # identical programs of a task land on the same actor
            shares[hash((tasks[position].id, completions[position])) % len(self._actors)].append(position)
        pending = [
            (share, actor.score.remote([tasks[i].to_dict() for i in share],
                                       [completions[i] for i in share], [indices[i] for i in share]))
            for actor, share in zip(self._actors, shares, strict=True) if share
        ]
        scores: list[Score | None] = [None] * len(tasks)
        for share, ref in pending:
            for position, data in zip(share, ray.get(ref), strict=True):
                scores[position] = Score.from_dict(data)
        return [s for s in scores if s is not None]

    def close(self) -> None:
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
