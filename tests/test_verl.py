"""VeRL's reward hook on real rows of the VeRL-format parquet files the REAL release ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from realcode.integrations.verl import RESULT_KEYS, compute_score, compute_score_batched


def _rows(path: Path, n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).slice(0, n).to_pylist()
    return rows


def _call(row: dict[str, Any], response: str) -> dict[str, float]:
    """Exactly VeRL's NaiveRewardManager call."""
    return compute_score(data_source=row["data_source"], solution_str=response,
                         ground_truth=row["reward_model"]["ground_truth"], extra_info=row["extra_info"])


def test_safesql_rows_score_like_verl_calls_them(data_dir: Path) -> None:
    rows = _rows(data_dir / "safesql" / "train.parquet", 3)
    for row in rows:
        reference = row["reward_model"]["ground_truth"]
        good = _call(row, f"Let me write it.\n```python\n{reference}\n```")
        assert set(good) == set(RESULT_KEYS)
        assert good["function_passed"] == 1.0 and good["runnable"] == 1.0
        # the reference builds SQL text from input(): Bandit (the interim quality analyzer) flags it
        assert good["quality"] == 0.0 and good["score"] == pytest.approx(0.5)
        broken = _call(row, "```python\nthis is not python\n```")
        assert broken["score"] == -1.0 and broken["runnable"] == 0.0


def test_numpy_backed_extra_info_and_batched_variant(data_dir: Path) -> None:
    np = pytest.importorskip("numpy")
    row = _rows(data_dir / "safesql" / "train.parquet", 1)[0]
    info = dict(row["extra_info"])
    info["test_info"] = np.array(info["test_info"], dtype=object)  # as a pandas-read row holds it
    info["test_attacks"] = np.array(info["test_attacks"], dtype=object)
    sec = _rows(data_dir / "seccodeplt" / "train.parquet", 1)[0]
    patched = sec["ground_truth"]["code_before"] + sec["ground_truth"]["patched_code"] + sec["ground_truth"]["code_after"]
    results = compute_score_batched(
        data_sources=[row["data_source"], sec["data_source"], "unknown"],
        solution_strs=[f"```python\n{row['reward_model']['ground_truth']}\n```", f"```python\n{patched}\n```", "x"],
        ground_truths=[row["reward_model"]["ground_truth"], sec["reward_model"]["ground_truth"], None],
        extra_infos=[info, sec["extra_info"], {"nothing": 1}],
    )
    assert results[0]["function_passed"] == 1.0
    assert results[1]["function_passed"] == 1.0 and results[1]["runnable"] == 1.0
    assert results[2]["error"] == 1.0 and results[2]["score"] == -1.0
    assert all(set(r) == set(RESULT_KEYS) for r in results)
