"""TRL: reward functions for ``GRPOTrainer(reward_funcs=...)`` and TRL-ready datasets.

    from realcode.integrations.trl import benchmark_dataset, make_reward_funcs
    dataset = benchmark_dataset("seccodeplt", data="../shared/data")
    funcs, weights = make_reward_funcs("realcode", alpha=0.5)
    trainer = GRPOTrainer(model=..., reward_funcs=funcs, train_dataset=dataset,
                          args=GRPOConfig(reward_weights=weights, ...))

TRL calls each reward function as ``f(prompts=..., completions=..., **columns)``: the dataset's
``realcode_task`` column carries each row's task (tests included) as JSON, so the reward needs no
global state and works in any process. The first function is the reward; the others (weight 0)
report its components — function pass rate, quality, runnable — so TRL logs them next to it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from realcode.benchmarks import Task, load_benchmark
from realcode.rewards import Reward, RewardResult, make_reward
from realcode.scoring import Score, Scorer, ScoringConfig

TASK_COLUMN = "realcode_task"


def to_trl_dataset(tasks: Sequence[Task], system_prompt: str | None = None) -> Any:
    """A ``datasets.Dataset`` with conversational ``prompt`` and the columns the reward reads."""
    import datasets

    rows = []
    for task in tasks:
        messages = [dict(m) for m in task.prompt]
        if system_prompt:
            messages = [{"role": "system", "content": system_prompt}, *messages]
        rows.append({"prompt": messages, TASK_COLUMN: json.dumps(task.to_dict()), "task_id": task.id,
                     "cwe": task.cwe or ""})
    return datasets.Dataset.from_list(rows)


def benchmark_dataset(name: str, data: str | None = None, split: str | None = None,
                      limit: int | None = None, system_prompt: str | None = None) -> Any:
    return to_trl_dataset(load_benchmark(name, data, split, limit).tasks, system_prompt)


@functools.lru_cache(maxsize=4096)
def _task(serialized: str) -> Task:
    return Task.from_dict(json.loads(serialized))


def completion_text(completion: Any) -> str:
    """TRL passes strings, or (conversational) a list of messages: take the assistant's text."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content", ""))
    if isinstance(completion, (list, tuple)):
        parts = [str(m.get("content", "")) for m in completion
                 if isinstance(m, dict) and m.get("role", "assistant") == "assistant"]
        return "\n".join(parts)
    return str(completion)


class RealcodeReward:
    """The reward as a TRL reward function. Keeps the last batch's results for the component
    functions and for logging (``last_results``)."""

    def __init__(self, reward: Reward, scorer: Scorer | None = None) -> None:
        self.reward = reward
        self.scorer = scorer or Scorer(ScoringConfig())
        self.__name__ = f"realcode_{reward.name}"
        self.last_scores: list[Score] = []
        self.last_results: list[RewardResult] = []
        self._last_key: tuple[str, ...] = ()
        # (score, reward) since the last drain(), kept only once a step logger asked for them
        # (keep_for_logs), so a trainer without realcode's logger does not accumulate every Score.
        self.keep_for_logs = False
        self._unlogged: list[tuple[Score, RewardResult]] = []

    def score(self, completions: Sequence[Any], tasks_json: Sequence[str]) -> list[RewardResult]:
        texts = [completion_text(c) for c in completions]
        key = tuple(texts) + tuple(tasks_json)
        if key != self._last_key:  # the component functions reuse the same batch's scores
            self.last_scores = self.scorer.score_many([_task(t) for t in tasks_json], texts)
            self.last_results = [self.reward(s) for s in self.last_scores]
            self._last_key = key
            if self.keep_for_logs:
                self._unlogged += list(zip(self.last_scores, self.last_results, strict=True))
        return self.last_results

    def drain(self) -> list[tuple[Score, RewardResult]]:
        """Every (score, reward) computed since the last call: what a training step logs."""
        drained, self._unlogged = self._unlogged, []
        return drained

    def __call__(self, prompts: Sequence[Any] | None = None, completions: Sequence[Any] = (),
                 **columns: Any) -> list[float]:
        tasks_json = columns.get(TASK_COLUMN)
        if tasks_json is None:
            raise KeyError(f"the dataset needs a {TASK_COLUMN!r} column (use realcode.integrations.trl.to_trl_dataset)")
        return [r.value for r in self.score(completions, tasks_json)]


class ComponentReward:
    """One component of a ``RealcodeReward`` (give it weight 0): logged by TRL, not optimised."""

    def __init__(self, parent: RealcodeReward, component: str) -> None:
        self.parent, self.component = parent, component
        self.__name__ = f"realcode_{component}"

    def __call__(self, prompts: Sequence[Any] | None = None, completions: Sequence[Any] = (),
                 **columns: Any) -> list[float]:
        results = self.parent.score(completions, columns[TASK_COLUMN])
        return [float(r.components.get(self.component, 0.0)) for r in results]


def make_reward_funcs(
    reward: str = "realcode", alpha: float = 0.5, components: Sequence[str] = ("function", "quality", "runnable"),
    quality_analyzers: tuple[str, ...] | None = None, scorer: Scorer | None = None,
) -> tuple[list[Callable[..., list[float]]], list[float]]:
    """Reward functions and their weights for ``GRPOConfig(reward_weights=...)``."""
    main = RealcodeReward(make_reward(reward, alpha, quality_analyzers), scorer)
    funcs: list[Callable[..., list[float]]] = [main, *(ComponentReward(main, c) for c in components)]
    return funcs, [1.0] + [0.0] * len(components)
