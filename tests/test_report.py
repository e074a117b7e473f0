"""Reports: tables from real evaluation results, plots, and the HTML rendered by headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from realcode.cli import main
from realcode.reporting import ReportError, write_report


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("results")
    paths = {}
    for kind in ("reference", "flawed"):
        paths[kind] = folder / f"starter-{kind}.jsonl"
        assert main(["eval", "--benchmark", "starter", "--limit", "8", "--solutions", kind,
                     "--out", str(paths[kind]), "--no-progress"]) == 0
    log = folder / "grpo.jsonl"
    log.write_text("".join(json.dumps({"step": s, "reward": 0.1 * s - 0.5, "reward_function": 0.05 * s}) + "\n"
                           for s in range(1, 11)))
    paths["log"] = log
    return paths


def test_report_tables_compare_runs(results: dict[str, Path], tmp_path: Path) -> None:
    written = write_report([f"reference={results['reference']}", f"flawed={results['flawed']}"], tmp_path,
                           training_logs=[f"grpo={results['log']}"])
    markdown = written["markdown"].read_text()
    assert "| metric | reference | flawed |" in markdown
    assert "| Function & quality | 1.000 | 0.000 |" in markdown
    assert "CWE-89" in markdown and "![Reward curves](rewards.png)" in markdown
    for name in ("per_cwe.png", "function_vs_quality.png", "rewards.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "repair_funnel.png" not in written  # no repair log given
    document = written["html"].read_text()
    assert document.count("data:image/png;base64,") == 3 and "<table>" in document


def test_report_rejects_files_that_are_not_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.jsonl"
    bogus.write_text('{"hello": 1}\n')
    with pytest.raises(ReportError):
        write_report([str(bogus)], tmp_path / "out")
    assert main(["report", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        pytest.skip("no Chromium here (apt-get install chromium); `make test` installs it where it can")
    return found


def test_html_report_renders_in_headless_chromium(results: dict[str, Path], tmp_path: Path) -> None:
    chromium = _chromium()
    written = write_report([f"reference={results['reference']}", f"flawed={results['flawed']}"], tmp_path,
                           training_logs=[f"grpo={results['log']}"])
    uri = written["html"].resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", uri], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    # The page's own script counts images that decoded with a real size, after load.
    assert 'data-images-ok="3"' in dom.stdout
    assert "Function &amp; quality" in dom.stdout
    shot = tmp_path / "report.png"
    done = subprocess.run([chromium, *flags, "--window-size=1200,2600", f"--screenshot={shot}", uri],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and shot.stat().st_size > 30_000, done.stderr[-2000:]
    keep = os.environ.get("REALCODE_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
