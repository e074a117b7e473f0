"""The Ray backend on a local Ray instance: same verdicts as local scoring."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from realcode.benchmarks.starter import starter_tasks
from realcode.execution.limits import Limits
from realcode.scoring import Scorer, ScoringConfig

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_ray_backend_matches_local_scoring(local_ray: None) -> None:
    tasks = starter_tasks()[:8]
    completions = [f"```python\n{t.solutions[k]}```" for t in tasks for k in ("reference", "flawed")]
    batch = [t for t in tasks for _ in range(2)]
    indices = list(range(len(batch)))
    config = ScoringConfig(limits=Limits(wall_s=10, case_timeout_s=1.0))
    with Scorer(config) as local:
        expected = local.score_many(batch, completions, indices)
    with Scorer(ScoringConfig(limits=config.limits, backend="ray")) as distributed:
        got = distributed.score_many(batch, completions, indices)
    assert [(s.task_id, s.sample_index) for s in got] == [(s.task_id, s.sample_index) for s in expected]
    assert [(s.function_passed, s.quality_passed, s.safety_passed) for s in got] == \
        [(s.function_passed, s.quality_passed, s.safety_passed) for s in expected]
    assert [[f.rule_id for f in s.findings] for s in got] == [[f.rule_id for f in s.findings] for s in expected]


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown scoring backend"):
        Scorer(ScoringConfig(backend="spark"))
