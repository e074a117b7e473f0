"""Reports: tables from real evaluation results, provenance, intervals, paired comparisons, exports,
drill-down pages whose links resolve, training panels, and the HTML rendered by headless Chromium."""

from __future__ import annotations

import csv
import json
import os
import re
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
    for kind, limit in (("reference", "8"), ("flawed", "8"), ("vulnerable", "5")):
        paths[kind] = folder / f"starter-{kind}.jsonl"
        assert main(["eval", "--benchmark", "starter", "--limit", limit, "--solutions", kind,
                     "--out", str(paths[kind]), "--no-progress"]) == 0
    log = folder / "grpo.jsonl"
    log.write_text("".join(json.dumps({"step": s, "reward": 0.1 * s - 0.5, "reward_std": 0.2,
                                       "reward_function": 0.05 * s, "reward_quality": 0.03 * s,
                                       **{f"findings_cwe_{c}": 0.1 for c in range(12)}}) + "\n"
                           for s in range(1, 11)))
    paths["log"] = log
    sft = folder / "sft.jsonl"
    sft.write_text("".join(json.dumps({"step": s, "loss": 2.0 / s, "learning_rate": 2e-4, "epoch": s / 10}) + "\n"
                           for s in range(1, 11)))
    paths["sft"] = sft
    return paths


def _report(results: dict[str, Path], out: Path) -> dict[str, Path]:
    return write_report([f"reference={results['reference']}", f"flawed={results['flawed']}"], out,
                        training_logs=[f"grpo={results['log']}", f"sft={results['sft']}"])


def test_report_tables_compare_runs(results: dict[str, Path], tmp_path: Path) -> None:
    written = _report(results, tmp_path)
    markdown = written["markdown"].read_text()
    assert "| metric | reference | flawed |" in markdown
    assert "| Function & quality | 1.000 | 0.000 |" in markdown
    assert "CWE-89" in markdown and "![Training curves: grpo](rewards.png)" in markdown
    assert "### Provenance" in markdown and "configuration hash" in markdown
    assert "### Paired comparison with reference" in markdown and "### Reward distribution: realcode" in markdown
    for name in ("per_cwe.png", "function_vs_quality.png", "rewards.png", "training_1.png", "reward_realcode.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "repair_funnel.png" not in written  # no repair log given
    document = written["html"].read_text()
    assert document.count("data:image/png;base64,") == 5 and "<table" in document


def test_every_table_is_exported_as_csv_and_latex(results: dict[str, Path], tmp_path: Path) -> None:
    written = _report(results, tmp_path)
    tables = written["tables"]
    keys = {p.stem for p in tables.iterdir()}
    assert {"provenance", "holistic", "intervals", "paired", "per_cwe", "reward_realcode"} <= keys
    for key in keys:
        assert (tables / f"{key}.csv").is_file() and (tables / f"{key}.tex").is_file()
    rows = list(csv.reader((tables / "holistic.csv").open()))
    assert rows[0][:3] == ["metric", "reference", "reference (interval/share)"]
    joint = next(r for r in rows if r[0] == "Function & quality")
    assert joint[1] == "1.000" and joint[2] == "[1.000, 1.000]"
    latex = (tables / "per_cwe.tex").read_text()
    assert r"\toprule" in latex and r"\multicolumn{4}{c}{reference}" in latex and "CWE-89" in latex
    assert r"\&" in (tables / "holistic.tex").read_text()  # "Function & quality" escaped


def test_drill_down_pages_exist_and_every_link_resolves(results: dict[str, Path], tmp_path: Path) -> None:
    written = _report(results, tmp_path)
    pages = [written["html"], *tmp_path.glob("runs/*.html"), *tmp_path.glob("samples/*/*.html")]
    assert len(pages) == 1 + 2 + 16
    for page in pages:
        for target in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', page.read_text()):
            assert (page.parent / target).resolve().is_file(), (page, target)
    sample = next(p for p in tmp_path.glob("samples/flawed/*.html") if "sql-injection" in p.read_text())
    text = sample.read_text()
    assert 'class="flagged"' in text and "path: " in text and "<th>case</th>" in text
    index = (tmp_path / "runs" / "flawed.html").read_text()
    assert 'id="per_cwe-89"' in index and 'id="task-sql-find-user"' in index
    assert 'href="runs/flawed.html#per_cwe-89"' in written["html"].read_text()


def test_runs_over_different_task_sets_are_compared_with_a_warning(results: dict[str, Path], tmp_path: Path) -> None:
    written = write_report([f"reference={results['reference']}", f"vulnerable={results['vulnerable']}"], tmp_path)
    markdown = written["markdown"].read_text()
    assert "task sets differ: reference has 3 task(s) vulnerable lacks" in markdown
    assert "compared on the 5 common task(s) only" in markdown


def test_sft_log_alone_is_a_loss_panel_not_an_abort(results: dict[str, Path], tmp_path: Path) -> None:
    written = write_report([str(results["reference"])], tmp_path, training_logs=[f"sft={results['sft']}"])
    assert "Training curves: sft" in written["markdown"].read_text()


def test_report_rejects_files_that_are_not_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.jsonl"
    bogus.write_text('{"hello": 1}\n')
    with pytest.raises(ReportError):
        write_report([str(bogus)], tmp_path / "out")
    completions = tmp_path / "completions.jsonl"
    completions.write_text('{"task_id": "sql-find-user", "completion": "x = 1"}\n')
    assert main(["report", str(completions), "--out", str(tmp_path / "out")]) == 2
    assert "neither realcode evaluation results nor a repair log" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        pytest.skip("no Chromium here (apt-get install chromium); `make test` installs it where it can")
    return found


def test_html_report_renders_in_headless_chromium(results: dict[str, Path], tmp_path: Path) -> None:
    chromium = _chromium()
    written = _report(results, tmp_path)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000",
             f"--user-data-dir={tmp_path / 'profile'}"]
    uri = written["html"].resolve().as_uri()
    dom = subprocess.run([chromium, *flags, "--dump-dom", uri], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    # The page's own script counts images that decoded with a real size, after load.
    assert 'data-images-ok="5"' in dom.stdout
    assert "Function &amp; quality" in dom.stdout
    sample = next(tmp_path.glob("samples/flawed/*.html")).resolve().as_uri()
    dom = subprocess.run([chromium, *flags, "--dump-dom", sample], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0 and "Findings (" in dom.stdout
    shot = tmp_path / "report.png"
    done = subprocess.run([chromium, *flags, "--window-size=1200,2600", f"--screenshot={shot}", uri],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and shot.stat().st_size > 30_000, done.stderr[-2000:]
    keep = os.environ.get("REALCODE_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
