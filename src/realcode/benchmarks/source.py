"""Where a benchmark's rows come from: a file, a data directory, or the Hugging Face Hub."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR_ENV = "REALCODE_DATA_DIR"


class DataUnavailable(RuntimeError):
    """No source for a benchmark could be found or read; the message says what to do."""


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a parquet, JSON Lines or JSON file (JSON ones optionally gzip-compressed)."""
    suffix = path.suffix.lower()
    opener: Any = open
    if suffix == ".gz":
        suffix, opener = Path(path.stem).suffix.lower(), gzip.open
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            # ParquetFile, not read_table: the latter loads pyarrow's dataset layer and pandas
            # (~0.3 s of every command's start-up) to read one file
            rows: list[dict[str, Any]] = pq.ParquetFile(path).read().to_pylist()
            return rows
        if suffix in (".jsonl", ".ndjson"):
            with opener(path, "rt", encoding="utf-8") as handle:
                return [json.loads(line) for line in handle if line.strip()]
        if suffix == ".json":
            with opener(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
            if not isinstance(data, list):
                raise DataUnavailable(f"{path}: expected a JSON list of rows")
            return data
    except DataUnavailable:
        raise
    except Exception as exc:  # pyarrow, json and OS errors all mean "cannot read this file"
        raise DataUnavailable(f"cannot read {path}: {type(exc).__name__}: {exc}") from exc
    raise DataUnavailable(f"{path}: unsupported file type (use .parquet, .jsonl or .json)")


def _candidates(root: Path, folder: str, split: str, names: tuple[str, ...] = ()) -> Iterator[Path]:
    for base in (root / folder, root):
        yield from (base / name for name in names)
        for suffix in (".parquet", ".jsonl", ".json"):
            yield base / f"{split}{suffix}"
        if base.is_dir():
            yield from sorted(base.glob(f"{split}-*.parquet"))
            yield from sorted(base.glob(f"*{split}*.parquet"))


def locate(data: str | None, folder: str, split: str, names: tuple[str, ...] = ()) -> Path | None:
    """The file for ``split`` under ``data`` (a file or directory) or ``$REALCODE_DATA_DIR``;
    ``names`` are a dataset's own file names (``HumanEval.jsonl.gz``), tried first."""
    given = data or os.environ.get(DATA_DIR_ENV)
    if not given:
        return None
    root = Path(given).expanduser()
    if root.is_file():
        return root
    if not root.exists():
        raise DataUnavailable(f"data path {root} does not exist")
    for path in _candidates(root, folder, split, names):
        if path.is_file():
            return path
    raise DataUnavailable(
        f"no {split!r} split for {folder!r} under {root} (looked for {folder}/{split}.parquet, "
        f"{split}.parquet and similar)"
    )


def load_from_hub(hub_name: str, split: str) -> list[dict[str, Any]]:
    """Rows from the Hugging Face Hub through ``datasets`` (``pip install realcode[hub]``)."""
    try:
        import datasets
    except ImportError as exc:
        raise DataUnavailable(
            f"no local data given and the 'datasets' package is not installed to fetch "
            f"{hub_name!r}: pass --data PATH, set {DATA_DIR_ENV}, or pip install 'realcode[hub]'"
        ) from exc
    try:
        dataset = datasets.load_dataset(hub_name, split=split)
    except Exception as exc:  # network, auth and missing-split errors from the Hub
        raise DataUnavailable(
            f"could not load {hub_name!r} (split {split!r}) from the Hugging Face Hub: "
            f"{type(exc).__name__}: {exc}. Pass --data PATH or set {DATA_DIR_ENV} to use local files."
        ) from exc
    return [dict(row) for row in dataset]
