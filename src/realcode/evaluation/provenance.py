"""Provenance of an evaluation run and the hash of the configuration that decides its verdicts.

The configuration hash covers everything a verdict depends on besides the program: benchmark and
split, the quality analyzers and the extra ones, each analyzer's version, sandbox limits, whether
tests run, test augmentation, realcode's version and the fingerprint of its verdict-deciding
source (``realcode.scoring.cache.verdict_fingerprint``). Two runs with the same hash score the same
program the same way; a results file holds one hash, and a rerun resumes only under it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import platform
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import realcode
from realcode import __version__
from realcode.scoring.cache import verdict_fingerprint


def config_hash(config: dict[str, Any]) -> str:
    material = json.dumps(config, sort_keys=True, default=str)
    return hashlib.sha256(material.encode()).hexdigest()[:10]


def scoring_config(benchmark: str, split: str, quality_analyzers: list[str], extra_analyzers: list[str],
                   analyzer_versions: dict[str, str], limits: dict[str, Any], run_tests: bool,
                   augment: dict[str, Any] | None) -> dict[str, Any]:
    """The inputs of ``config_hash``, kept in the provenance so a reader can see what differs."""
    return {"benchmark": benchmark, "split": split, "quality_analyzers": quality_analyzers,
            "extra_analyzers": extra_analyzers, "analyzer_versions": analyzer_versions, "limits": limits,
            "run_tests": run_tests, "augment": augment, "realcode": __version__,
            "rules": verdict_fingerprint()}


@functools.lru_cache(maxsize=1)
def source_revision() -> str | None:
    """The git commit realcode runs from (with ``+dirty`` for local changes), when it is a checkout."""
    root = Path(realcode.__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no",
                                "--", "src"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return commit + ("+dirty" if dirty else "")


def file_digest(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def completions_source(path: str | Path, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Where samples came from: the file (resolved path and content hash) and what its lines say
    about the model and sampling (``realcode generate`` writes ``model`` and ``backend``)."""
    resolved = Path(path).resolve()
    source: dict[str, Any] = {"id": f"completions {resolved}", "kind": "completions", "path": str(resolved),
                              "sha256": file_digest(resolved)}
    for name in ("model", "backend", "temperature", "top_p", "max_tokens", "seed"):
        values = Counter(str(line[name]) for line in lines if line.get(name) is not None)
        if values:
            source[name] = ", ".join(v for v, _ in values.most_common(3))
    return source


def solutions_source(kind: str) -> dict[str, Any]:
    return {"id": f"solutions {kind}", "kind": "solutions", "solutions": kind}


def short_source_name(source: dict[str, Any]) -> str:
    """A file-name part for default output names: the solutions kind, or the completions file's
    parent folder and stem (two models' ``completions.jsonl`` do not share a results file)."""
    if source["kind"] == "solutions":
        return f"solutions-{source['solutions']}"
    path = Path(source["path"])
    parent = path.parent.name
    return f"{parent}-{path.stem}" if parent else path.stem


def provenance(config: dict[str, Any], source: dict[str, Any], data_source: str,
               isolation: dict[str, Any]) -> dict[str, Any]:
    return {
        "realcode": __version__,
        "revision": source_revision(),
        "python": platform.python_version(),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data": data_source,
        "source": source,
        "isolation": isolation,
        "config": config,
        "config_hash": config_hash(config),
    }
