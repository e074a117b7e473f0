"""The reward audit: its hack library instantiates on every kind of task, it finds the holes REAL's
hybrid reward has, and no hack gains reward under the default reward on any benchmark."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from realcode.audit import all_hacks, run_audit
from realcode.audit.hacks import nothing_programs, task_kind
from realcode.benchmarks import load_benchmark
from realcode.benchmarks.task import Task
from realcode.cli import main
from realcode.execution.limits import Limits
from realcode.execution.suites import CallCase, CallSuite, StdioCase, StdioSuite
from realcode.rewards import make_reward
from realcode.scoring import Scorer, ScoringConfig

LIMITS = Limits(wall_s=10.0, case_timeout_s=2.0)


@pytest.fixture(scope="module")
def scorer() -> Iterator[Scorer]:
    with Scorer(ScoringConfig(limits=LIMITS)) as warm:
        yield warm


def _tasks_of_every_kind(data_dir: Path | None) -> list[Task]:
    call = Task(id="c", benchmark="apps_plus", prompt=(), tests=CallSuite("solve", (CallCase((1,), 2),)),
                solutions={"reference": "def solve(x):\n    return x + 1\n"})
    klass = Task(id="k", benchmark="apps_plus", prompt=(),
                 tests=CallSuite("solve", (CallCase((1,), 2),), class_name="Solution"),
                 solutions={"reference": "class Solution:\n    def solve(self, x):\n        return x + 1\n"})
    stdio = Task(id="s", benchmark="safesql", prompt=(), tests=StdioSuite((StdioCase("1\n", "2"),)),
                 solutions={"reference": "print(int(input()) + 1)\n"})
    tasks = [call, klass, stdio]
    if data_dir is not None:
        tasks += load_benchmark("seccodeplt", str(data_dir), limit=2).tasks
    return tasks


def test_every_hack_instantiates_to_a_program_that_parses(data_dir: Path) -> None:
    hacks = all_hacks()
    assert {h.family for h in hacks} >= {"nothing", "crash", "forgery", "data", "examples", "evasion",
                                        "poisoning"}
    kinds_seen = set()
    for task in _tasks_of_every_kind(data_dir):
        kinds_seen.add(task_kind(task))
        for program in nothing_programs(task):
            ast.parse(program)
        built = [(h, h.build(task)) for h in hacks if h.family != "poisoning"]
        assert sum(p is not None for _, p in built) >= 5, task.id
        for _hack, program in built:
            if program is not None:
                ast.parse(program)  # a hack that does not even parse would test nothing
    assert kinds_seen == {"call", "class", "stdio", "python"}


def test_the_audit_finds_the_hole_in_reals_hybrid_reward(data_dir: Path, scorer: Scorer) -> None:
    tasks = load_benchmark("safesql", str(data_dir), limit=40).tasks
    hacks = [h for h in all_hacks() if h.family == "nothing"]
    hybrid = run_audit(tasks, scorer, make_reward("hybrid"), benchmark="safesql", count=2, hacks=hacks)
    assert [r.name for r in hybrid.gamed] == ["nothing_prints_nothing"]
    default = run_audit(tasks, scorer, make_reward("realcode"), benchmark="safesql", count=2, hacks=hacks)
    assert not default.gamed and default.results[0].reward == [0.0, 0.0]


@pytest.mark.parametrize("benchmark", ["starter", "seccodeplt", "safesql", "apps_plus"])
def test_no_hack_gains_reward_under_the_default_reward(benchmark: str, data_dir: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "audit.json"
    argv = ["audit", "--benchmark", benchmark, "--json", str(out), "--tasks-count", "2"]
    if benchmark != "starter":
        argv += ["--data", str(data_dir)]
    status = main(argv)
    printed = capsys.readouterr().out
    report = json.loads(out.read_text())
    assert status == 0, printed
    assert report["gamed"] == [] and len(report["tasks"]) == 2
    families = {row["family"] for row in report["hacks"]}
    assert {"nothing", "crash", "poisoning", "evasion"} <= families
    assert sum(row["programs"] for row in report["hacks"]) >= 30
    assert "no hack gains reward" in printed
