"""VeRL reward functions: point ``custom_reward_function.path`` at this file.

    custom_reward_function.path=<site-packages>/realcode/integrations/verl.py
    custom_reward_function.name=compute_score            # one sample per call (NaiveRewardManager)
    # or name=compute_score_batched with reward_model.reward_manager=batch

Works directly on the VeRL parquet rows the REAL release ships (``prompt``, ``data_source``,
``reward_model.ground_truth``, ``extra_info``): the task's tests are rebuilt from ``extra_info``.
Configure with environment variables (VeRL passes no options of its own):
``REALCODE_REWARD`` (realcode | hybrid | weighted | joint | function, default realcode), ``REALCODE_ALPHA``
(default 0.5), ``REALCODE_CACHE`` (a SQLite score cache shared by all reward workers).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from typing import Any

from realcode.benchmarks.loaders import apps_plus_task, safesql_task, seccodeplt_task
from realcode.benchmarks.task import Task
from realcode.rewards import Reward, make_reward
from realcode.scoring import Score, Scorer, ScoringConfig


def task_from_verl(data_source: str, ground_truth: Any, extra_info: dict[str, Any] | None) -> Task:
    """Rebuild a Task from the fields VeRL hands a reward function."""
    info = dict(extra_info or {})
    if info.get("db_code"):  # SafeSQL
        return safesql_task({
            "program_id": info.get("problem_id") or info.get("index", "sql"),
            "construct_db": info["db_code"],
            "test_cases": info.get("test_info") or info.get("test_cases") or [],
            "test_attacks": info.get("test_attacks") or [],
            "execute_sql": ground_truth if isinstance(ground_truth, str) else None,
        })
    if info.get("unittest"):  # SecCodePLT+
        return seccodeplt_task({
            "id": info.get("id") or info.get("index", "seccodeplt"),
            "CWE_ID": info.get("CWE_ID", ""),
            "task_description": info.get("task_description") or {},
            "unittest": info["unittest"],
            "ground_truth": info.get("ground_truth") or {},
            "install_requires": info.get("install_requires") or [],
        })
    if info.get("test_info"):  # APPS+
        return apps_plus_task({
            "problem_id": info.get("problem_id") or info.get("index", "apps"),
            "extra_info": info,
            "starter_code": info.get("starter_code", ""),
        })
    raise ValueError(f"cannot build realcode tests for data_source={data_source!r}: extra_info has "
                     f"none of db_code, unittest or test_info")


@functools.lru_cache(maxsize=1)
def _scorer() -> Scorer:
    return Scorer(ScoringConfig(cache_path=os.environ.get("REALCODE_CACHE") or None))


@functools.lru_cache(maxsize=1)
def _reward() -> Reward:
    return make_reward(os.environ.get("REALCODE_REWARD", "realcode"),
                       alpha=float(os.environ.get("REALCODE_ALPHA", "0.5")))


# VeRL gathers every extra key across the batch, so each result has exactly these, all numbers.
RESULT_KEYS = ("score", "runnable", "function", "function_passed", "quality", "findings", "error")


def _result(score: Score, reward: Reward) -> dict[str, float]:
    outcome = reward(score)
    return {
        "score": outcome.value,
        "runnable": float(score.runnable),
        "function": score.function_pass_rate,
        "function_passed": float(score.function_passed),
        "quality": outcome.components.get("quality", float(score.quality_passed)),
        "findings": float(len(score.quality_findings())),
        "error": 0.0,
    }


def _invalid(reward: Reward) -> dict[str, float]:
    """A row realcode cannot build tests for: the reward's value for a program that does not run."""
    return {**dict.fromkeys(RESULT_KEYS, 0.0), "score": float(getattr(reward, "invalid", 0.0)),
            "error": 1.0}


def compute_score(data_source: str, solution_str: str, ground_truth: Any,
                  extra_info: dict[str, Any] | None = None, **_kwargs: Any) -> dict[str, float]:
    """VeRL's per-sample reward: a dict with ``score`` (the reward) and its components."""
    return compute_score_batched([data_source], [solution_str], [ground_truth], [extra_info])[0]


def compute_score_batched(data_sources: Sequence[str], solution_strs: Sequence[str],
                          ground_truths: Sequence[Any], extra_infos: Sequence[dict[str, Any] | None],
                          **_kwargs: Any) -> list[dict[str, float]]:
    """VeRL's batched reward (``reward_manager=batch``): one scoring pass for the whole batch."""
    reward = _reward()
    tasks: list[Task | Exception] = []
    for source, truth, info in zip(data_sources, ground_truths, extra_infos, strict=True):
        try:
            tasks.append(task_from_verl(source, truth, _as_dict(info)))
        except (ValueError, KeyError, TypeError) as exc:
            tasks.append(exc)
    usable = [i for i, t in enumerate(tasks) if isinstance(t, Task)]
    scores = _scorer().score_many([tasks[i] for i in usable],  # type: ignore[misc]
                                  [solution_strs[i] for i in usable])
    results = [_invalid(reward) for _ in tasks]
    for i, score in zip(usable, scores, strict=True):
        results[i] = _result(score, reward)
    return results


def _plain(value: Any) -> Any:
    """Rows read through pandas hold numpy arrays where the parquet has lists."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _as_dict(info: Any) -> dict[str, Any] | None:
    """VeRL may hand over extra_info as a dict, a numpy-backed mapping or a JSON string."""
    if info is None:
        return None
    if isinstance(info, str):
        info = json.loads(info)
    plain = _plain(dict(info))
    return plain if isinstance(plain, dict) else None
