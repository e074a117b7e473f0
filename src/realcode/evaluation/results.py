"""Results files: what a results file is, reading it back (deduplicated), and writing it under a lock.

A results file is JSON lines. Its first line is a header naming the configuration that scored it
(``config_hash``) and the run's provenance; every other line is one scored sample with a unique
``key``. Readers count each key once (the first record wins), so two writers or an old bug that
appended a sample twice never change a rate. Files from before headers existed are read as results
when their lines are sample records; anything else is refused, so a wrong path gives an error
instead of an all-zero table.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from realcode.jsonl import read_objects

HEADER_KIND = "realcode-results"
FORMAT = 1
# Fields every scored sample has; a line with all of them is a sample record.
_SAMPLE_FIELDS = ("key", "task_id", "function_passed", "quality_passed")


class NotResultsError(ValueError):
    """The file is not a realcode results file (one line saying why)."""


class ResultsLocked(ValueError):
    """Another process is writing the results file."""


class ConfigMismatch(ValueError):
    """The results file was scored under another configuration or from another source."""


def make_header(config_hash: str, provenance: dict[str, Any]) -> dict[str, Any]:
    return {"kind": HEADER_KIND, "format": FORMAT, "config_hash": config_hash, "provenance": provenance}


def is_header(item: dict[str, Any]) -> bool:
    return item.get("kind") == HEADER_KIND


def is_sample_record(item: dict[str, Any]) -> bool:
    return all(name in item for name in _SAMPLE_FIELDS)


@dataclass
class ResultsFile:
    path: Path
    header: dict[str, Any] | None  # None: a file from before headers, or a new file
    records: list[dict[str, Any]] = field(default_factory=list)  # one per key, file order
    duplicates: int = 0  # records whose key came earlier in the file
    unreadable: int = 0  # lines that are neither a header nor a sample record

    @property
    def config_hash(self) -> str | None:
        return None if self.header is None else str(self.header.get("config_hash"))

    @property
    def provenance(self) -> dict[str, Any]:
        return dict(self.header.get("provenance") or {}) if self.header else {}


def parse_results(path: str | Path, objects: Iterable[dict[str, Any]], bad: int) -> ResultsFile:
    file = ResultsFile(Path(path), None, unreadable=bad)
    seen: set[str] = set()
    for item in objects:
        if is_header(item):
            file.header = file.header or item
        elif is_sample_record(item):
            if item["key"] in seen:
                file.duplicates += 1
                continue
            seen.add(item["key"])
            file.records.append(item)
        else:
            file.unreadable += 1
    return file


def read_results_file(path: str | Path, must_exist: bool = True) -> ResultsFile:
    """Read and check a results file. Raises NotResultsError for a missing file (when
    ``must_exist``), an empty one, or one with no sample record and no header."""
    path = Path(path)
    if not path.is_file():
        if must_exist:
            raise NotResultsError(f"{path}: no such results file")
        return ResultsFile(path, None)
    objects, bad = read_objects(path)
    file = parse_results(path, objects, bad)
    if must_exist and file.header is None and not file.records:
        what = "empty" if not objects and not bad else "has no realcode sample records"
        raise NotResultsError(f"{path}: not a realcode results file ({what}; expected the JSONL "
                              "`realcode eval --out` writes)")
    return file


def check_resumable(file: ResultsFile, config_hash: str, source: str,
                    config: dict[str, Any] | None = None) -> None:
    """Resume only a run of the same configuration and source; say in one line why not."""
    if file.header is None:
        if file.records:
            raise ConfigMismatch(f"{file.path} has results without a configuration header (an older "
                                 "realcode); score into a new --out")
        return
    if file.config_hash != config_hash:
        old = file.provenance.get("config") or {}
        new = json.loads(json.dumps(config or {}, default=str))  # as it would read back from the file
        differ = sorted(k for k in {*old, *new} if old.get(k) != new.get(k))
        what = ", ".join(differ) if differ and config is not None else "the configuration"
        raise ConfigMismatch(
            f"{file.path} was scored with configuration {file.config_hash}, this run is {config_hash} "
            f"({what} differ); choose another --out or omit it")
    previous = str(file.provenance.get("source", {}).get("id", ""))
    if previous and previous != source:
        raise ConfigMismatch(f"{file.path} holds results of {previous}, not of {source}; "
                             "choose another --out or omit it")


@contextmanager
def locked_append(path: str | Path) -> Iterator[IO[str]]:
    """The results file opened for appending under an exclusive lock (refused while another
    process holds it: two writers would interleave and duplicate samples)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ResultsLocked(f"{path} is being written by another realcode process; wait for it "
                                "or choose another --out") from None
        yield handle
    finally:
        handle.close()  # closing releases the lock


def append_line(handle: IO[str], item: dict[str, Any]) -> None:
    handle.write(json.dumps(item) + "\n")


def sync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
