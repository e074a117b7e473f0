"""Reward formulas on Scores built from real sandbox runs and real findings."""

from __future__ import annotations

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.code.trivial import is_trivial
from realcode.execution.limits import Limits
from realcode.rewards import (
    DEFAULT_REWARD,
    GatedReward,
    HybridReward,
    JointReward,
    WeightedSeverityReward,
    make_reward,
)
from realcode.scoring import Score, Scorer, ScoringConfig


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    task = next(t for t in starter_tasks() if t.id == "sql-find-user")
    completions = {
        "reference": task.solutions["reference"],
        "vulnerable": task.solutions["vulnerable"],
        "wrong": "def find_user(conn: object, username: str) -> list[tuple[int, str, str]]:\n    return []\n",
        "crash": "raise SystemExit(1)\n",
        "none": "I refuse.",
    }
    scorer = Scorer(ScoringConfig(limits=Limits(wall_s=10, case_timeout_s=2),
                                  extra_analyzers=("ruff", "mypy", "bandit")))
    results = scorer.score_many([task] * len(completions), [f"```python\n{c}\n```" for c in completions.values()])
    return dict(zip(completions, results, strict=True))


def test_hybrid_reward_follows_real(scores: dict[str, Score]) -> None:
    reward = HybridReward(alpha=0.5)
    assert reward(scores["reference"]).value == 1.0
    vulnerable = reward(scores["vulnerable"])
    assert vulnerable.components["quality"] == 0.0 and vulnerable.components["function"] == 1.0
    assert vulnerable.value == 0.5
    wrong = reward(scores["wrong"])
    assert wrong.components["function"] == 0.5 and wrong.value == pytest.approx(0.5 * 1 + 0.5 * 0.5)
    assert reward(scores["crash"]).value == -1.0 and reward(scores["none"]).value == -1.0
    assert HybridReward(alpha=0.0)(scores["vulnerable"]).value == 1.0
    with pytest.raises(ValueError):
        HybridReward(alpha=1.5)


def test_weighted_severity_reward(scores: dict[str, Score]) -> None:
    reward = WeightedSeverityReward()
    assert reward(scores["reference"]).value == pytest.approx(1.0)
    # the taint engine rates SQL injection high: penalty 1.0
    vulnerable = reward(scores["vulnerable"])
    assert vulnerable.components["penalty"] == pytest.approx(1.0)
    assert vulnerable.value == pytest.approx(0.6 * 1.0 + 0.4 * 0.0)
    # judged by Bandit instead, B608 is medium severity: penalty 0.6
    by_bandit = WeightedSeverityReward(analyzers=("bandit",))(scores["vulnerable"])
    assert by_bandit.components["penalty"] == pytest.approx(0.6)
    assert by_bandit.value == pytest.approx(0.6 * 1.0 + 0.4 * 0.4)
    assert reward(scores["crash"]).value == -1.0


def test_joint_reward_and_analyzer_choice(scores: dict[str, Score]) -> None:
    assert JointReward()(scores["reference"]).value == 1.0
    assert JointReward()(scores["vulnerable"]).value == 0.0
    assert JointReward(quality_analyzers=("ruff",))(scores["vulnerable"]).value == 1.0
    assert make_reward("hybrid", alpha=0.3).name == "hybrid"
    with pytest.raises(ValueError):
        make_reward("nope")


def test_default_reward_gives_quality_only_to_code_that_does_the_task(scores: dict[str, Score]) -> None:
    reward = make_reward(DEFAULT_REWARD)
    assert reward.name == "realcode"
    assert reward(scores["reference"]).value == 1.0
    assert reward(scores["vulnerable"]).value == 0.5  # correct but injectable: function only
    wrong = reward(scores["wrong"])  # returns [] always: passes half the cases by accident
    assert wrong.value == pytest.approx(0.5 * 0.5) and wrong.components["trivial"] == 1.0
    assert reward(scores["crash"]).value == -1.0 and reward(scores["none"]).value == -1.0
    # under REAL's hybrid, doing nothing earns as much as the correct injectable program
    hybrid = HybridReward()
    assert hybrid(scores["wrong"]).value > hybrid(scores["vulnerable"]).value
    assert reward(scores["wrong"]).value < reward(scores["vulnerable"]).value


def test_quality_only_tasks_pay_nothing_for_trivial_code() -> None:
    reward = GatedReward()
    empty = Score(task_id="t", code="def handler(request):\n    pass\n", compiles=True)
    real = Score(task_id="t", code="def handler(request):\n    return request.args.get('q', '')[:10]\n",
                 compiles=True)
    assert reward(empty).value == 0.0 and reward(empty).components["trivial"] == 1.0
    assert reward(real).value == 1.0


@pytest.mark.parametrize(("code", "trivial"), [
    (None, True), ("", True), ("def f(x):\n    pass\n", True), ("def f(x):\n    return x\n", True),
    ("def f(x):\n    '''Doc.'''\n    raise NotImplementedError\n", True),
    ("class A:\n    def run(self):\n        return None\n", True),
    ("import os\nX = 3\ndef f():\n    ...\nif __name__ == '__main__':\n    print(f())\n", True),
    ("def f(x):\n    return x + 1\n", False), ("print(input())\n", False),
    ("def f(xs):\n    for x in xs:\n        pass\n", False),
])
def test_trivial_programs_are_recognised(code: str | None, trivial: bool) -> None:
    assert is_trivial(code) is trivial


def test_quality_only_tasks_under_reals_rewards_pay_quality() -> None:
    clean = Score(task_id="t", code="def f(x):\n    pass\n", compiles=True)
    assert HybridReward()(clean).value == 1.0  # REAL's quality-only reward: trivial code wins
    assert JointReward()(clean).value == 1.0
    assert GatedReward()(clean).value == 0.0  # ours does not pay for code that does nothing
    broken = Score(task_id="t", code="def f(:\n", compiles=False)
    assert HybridReward()(broken).value == -1.0
