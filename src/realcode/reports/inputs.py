"""What a report reads: results files (with their provenance), repair logs and training logs.

Every input is checked: a file that is neither realcode results nor a repair log is an error, not an
all-zero table; results are deduplicated by sample key exactly as ``realcode eval`` counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realcode.evaluation.metrics import summarize
from realcode.evaluation.results import is_header, is_sample_record, parse_results
from realcode.jsonl import read_objects


class ReportError(ValueError):
    """An input file that is not a realcode results, repair or training log."""


@dataclass
class Run:
    name: str
    records: list[dict[str, Any]]
    provenance: dict[str, Any] = field(default_factory=dict)
    config_hash: str | None = None
    path: str = ""
    repair_of: str | None = None  # the repair log's name, for its before/after runs
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return _slug(self.name)

    @property
    def tasks(self) -> set[str]:
        return {str(r["task_id"]) for r in self.records}


@dataclass
class RepairRun:
    """A repair log, grouped once: each task's rounds in order and the round it first came clean."""

    name: str
    records: list[dict[str, Any]]
    by_task: dict[str, list[dict[str, Any]]] = field(init=False)
    first_clean: list[int | None] = field(init=False)  # per task; None: never clean
    rounds: int = field(init=False)

    def __post_init__(self) -> None:
        self.by_task = {}
        for record in self.records:
            self.by_task.setdefault(str(record["task_id"]), []).append(record)
        for items in self.by_task.values():
            items.sort(key=lambda r: int(r["round"]))
        self.first_clean = [next((int(r["round"]) for r in items if r["clean"]), None)
                            for items in self.by_task.values()]
        self.rounds = max(int(r["round"]) for r in self.records)

    @property
    def slug(self) -> str:
        return _slug(self.name)

    def endpoints(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The first and the last score of every task: the runs before and after repair."""
        return ([items[0]["score"] for items in self.by_task.values()],
                [items[-1]["score"] for items in self.by_task.values()])

    def provenance(self) -> dict[str, Any]:
        models = sorted({str(r.get("model")) for r in self.records if r.get("model")})
        return {"source": {"kind": "repair log", "model": ", ".join(models)}}


@dataclass
class TrainingLog:
    name: str
    rows: list[dict[str, Any]]


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "run"


def _named(spec: str) -> tuple[str, Path]:
    """``name=path`` or just ``path`` (named after the file)."""
    if "=" in spec and not Path(spec).exists():
        name, path = spec.split("=", 1)
        return name, Path(path)
    return Path(spec).stem, Path(spec)


def _objects(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ReportError(f"{path} does not exist")
    return read_objects(path)[0]


def load_inputs(specs: Sequence[str], ks: Sequence[int] = (1, 5, 10)) -> tuple[list[Run], list[RepairRun]]:
    runs: list[Run] = []
    repairs: list[RepairRun] = []
    for spec in specs:
        name, path = _named(spec)
        objects = _objects(path)
        if any(is_header(o) or is_sample_record(o) for o in objects):
            file = parse_results(path, objects, 0)
            if not file.records:
                raise ReportError(f"{path}: a results file without any scored sample")
            runs.append(Run(name, file.records, file.provenance, file.config_hash, str(path)))
        elif _is_repair_log(objects):
            header = next((o for o in objects if o.get("kind") == "realcode-repair"), None)
            repair = RepairRun(name, [o for o in objects if o is not header])
            repairs.append(repair)
            before, after = repair.endpoints()
            provenance = dict(header["provenance"]) if header else repair.provenance()
            config = provenance.get("config_hash")
            for stage in ("before", "after"):
                runs.append(Run(f"{name} ({stage} repair)", before if stage == "before" else after, provenance,
                                config, str(path), repair_of=name))
        else:
            raise ReportError(f"{path}: neither realcode evaluation results nor a repair log")
    if len({run.slug for run in runs}) != len(runs):
        raise ReportError("two runs have the same name; name them NAME=PATH")
    for run in runs:
        run.summary = summarize(run.records, ks=ks, intervals=True)
    return runs, repairs


def _is_repair_log(objects: Sequence[dict[str, Any]]) -> bool:
    rounds = [o for o in objects if o.get("kind") != "realcode-repair"]
    return bool(rounds) and all("round" in o and "score" in o and "task_id" in o for o in rounds)


def load_training_log(spec: str) -> TrainingLog:
    """A training log: one JSON object per logged step with ``step`` and numbers (rewards for RL,
    losses for SFT and DPO)."""
    name, path = _named(spec)
    rows = [r for r in _objects(path) if isinstance(r.get("step"), (int, float))
            and any(isinstance(v, (int, float)) and k not in ("step", "time", "epoch") for k, v in r.items())]
    if not rows:
        raise ReportError(f"{path}: no training steps (objects with a 'step' and logged numbers)")
    return TrainingLog(name, rows)
