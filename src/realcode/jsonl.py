"""The JSON-lines files realcode writes as it goes (results, completions, repair and training logs).

A run can be killed mid-write, so readers skip lines that do not parse (and count them), and writers
that append first end a half-written last line so new records start on a line of their own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def read_objects(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """The JSON objects of a file, and how many non-blank lines were not objects."""
    objects: list[dict[str, Any]] = []
    bad = 0
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(item, dict):
                objects.append(item)
            else:
                bad += 1
    return objects, bad


def terminate_partial_line(path: str | Path) -> None:
    """A crash can leave a half-written last line; start appends on a fresh line."""
    path = Path(path)
    if path.exists() and path.stat().st_size:
        with path.open("rb") as handle:
            handle.seek(-1, os.SEEK_END)
            last = handle.read(1)
        if last != b"\n":
            with path.open("ab") as handle:
                handle.write(b"\n")
