"""A content-addressed cache of scores in an embedded SQLite database, safe across processes.

The key covers everything a verdict depends on: the extracted program (not the raw completion, so
completions that differ only in prose share an entry), the task's tests and analysis prefix, the
analyzers with their versions and options, the sandbox limits, realcode's version and a fingerprint
of the code and rules that decide verdicts (a version string does not change between commits, so an
update from source would otherwise be served the old verdicts). Values are ``Score.to_dict()``
payloads without the sample's identity.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import realcode
from realcode import __version__
from realcode.benchmarks.task import Task
from realcode.execution.limits import Limits
from realcode.execution.suites import suite_fingerprint

# The packages (and single modules) whose source decides a verdict: the harness, runners, oracle and
# sandbox; the analyzers with their rules and security specs; the rewards; how a score is assembled.
VERDICT_SOURCES = ("execution", "analysis", "rewards", "scoring/scorer.py", "scoring/score.py",
                   "benchmarks/programs.py", "code")
_SOURCE_SUFFIXES = (".py", ".json", ".toml", ".yaml", ".yml", ".txt", ".csv")


class CacheError(ValueError):
    """The cache file cannot be used (not a database, or not realcode's); one line for the user."""


@functools.lru_cache(maxsize=1)
def verdict_fingerprint() -> str:
    """A hash of every source and data file under ``VERDICT_SOURCES``; computed once per process."""
    root = Path(realcode.__file__).parent
    digest = hashlib.sha256()
    for source in VERDICT_SOURCES:
        base = root / source
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and p.suffix in _SOURCE_SUFFIXES
            and "__pycache__" not in p.parts)
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def score_key(task: Task, code: str | None, analyzers: Sequence[str], analyzer_versions: Sequence[str],
              quality_analyzers: Sequence[str], limits: Limits, run_tests: bool) -> str:
    material = json.dumps({
        "code": code,
        "tests": suite_fingerprint(task.tests) if run_tests else None,
        "prefix": task.analysis_prefix,
        "analyzers": list(analyzers),
        "versions": list(analyzer_versions),
        "quality": list(quality_analyzers),
        "limits": limits.to_dict(),
        "realcode": __version__,
        "rules": verdict_fingerprint(),
    }, sort_keys=True)
    return hashlib.sha256(material.encode("utf-8", "replace")).hexdigest()


class ScoreCache:
    """``get_many``/``put_many`` by key; WAL mode and a busy timeout let processes share one file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(str(self.path), timeout=60, check_same_thread=False,
                                       isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)")
            self._db.execute("SELECT key, value, created FROM scores LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"score cache {self.path} is unusable ({exc}); rerun with --rebuild-cache "
                             "to start it afresh") from None
        self.hits = 0
        self.misses = 0

    @staticmethod
    def remove(path: str | Path) -> bool:
        """Delete a cache file and its WAL companions (``--rebuild-cache``); True if one existed."""
        base = Path(path).expanduser()
        existed = base.exists()
        for suffix in ("", "-wal", "-shm", "-journal"):
            companion = base.with_name(base.name + suffix)
            if companion.exists():
                os.unlink(companion)
        return existed

    def get_many(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, dict[str, Any]] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT key, value FROM scores WHERE key IN ({marks})", chunk)
                for key, value in rows:
                    found[key] = json.loads(value)
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: dict[str, dict[str, Any]]) -> None:
        if not items:
            return
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO scores (key, value, created) VALUES (?, ?, ?)",
                    [(key, json.dumps(value), now) for key, value in items.items()])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM scores").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()
