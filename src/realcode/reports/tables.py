"""The report's tables, each one value: a key (its export file name), a title, a header and rows of
cells. A cell is text, optionally with a link (to a drill-down page) and a muted note (an interval);
Markdown, HTML, CSV and LaTeX are renderings of the same Table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from realcode.evaluation.statistics import REWARD_BINS, paired_comparison, reward_distribution
from realcode.reports.inputs import RepairRun, Run


@dataclass(frozen=True)
class Cell:
    text: str
    link: str | None = None
    note: str | None = None  # shown after the text (e.g. a confidence interval)
    items: tuple[tuple[str, str], ...] = ()  # several linked names (text is their plain join)


def linked_list(items: Sequence[tuple[str, str]]) -> Cell:
    return Cell(", ".join(text for text, _ in items), items=tuple(items))


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    notes: list[str] = field(default_factory=list)
    spans: list[tuple[str, int]] = field(default_factory=list)  # a header row above: (label, columns)
    text_table: bool = False  # cells are words, not numbers: left-aligned
    in_html: bool = True  # False: Markdown and exports only (the HTML shows it inline elsewhere)


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _interval(summary: dict[str, Any], key: str) -> str | None:
    interval = (summary.get("intervals") or {}).get(key)
    return f"[{interval[0]:.3f}, {interval[1]:.3f}]" if interval else None


HOLISTIC_ROWS = (
    ("function", "Function pass rate"), ("quality", "Quality pass rate"),
    ("function_quality", "Function & quality"), ("safety", "Safety tests pass rate"),
    ("compile", "Compile rate"), ("runnable", "Runnable rate"), ("mean_test_pass_rate", "Mean test pass rate"),
    ("error_free", "Error-free rate"), ("defect_free", "Defect-free rate (errors)"),
    ("maintainable", "Maintainable (mypy strict)"), ("samples", "Samples"), ("tasks", "Tasks"),
)


def run_link(run: Run) -> str:
    return f"runs/{run.slug}.html"


def holistic_table(runs: Sequence[Run]) -> Table:
    rows = []
    for key, label in HOLISTIC_ROWS:
        values = [r.summary.get(key) for r in runs]
        if all(v is None for v in values):
            continue
        rows.append([Cell(label), *(Cell(_number(v), note=_interval(r.summary, key)) for r, v in zip(runs, values,
                                                                                                      strict=True))])
    return Table("holistic", "Holistic results", ["metric", *(r.name for r in runs)],
                 rows, caption="Rates over all samples; in brackets a 95% bootstrap interval (tasks resampled, "
                               "2000 resamples).")


def intervals_table(runs: Sequence[Run]) -> Table:
    """The intervals alone (Markdown and exports keep point values and intervals in separate cells)."""
    rows = []
    for key, label in HOLISTIC_ROWS:
        cells = [_interval(r.summary, key) for r in runs]
        if any(cells):
            rows.append([Cell(label), *(Cell(c or "–") for c in cells)])
    return Table("intervals", "95% bootstrap intervals", ["metric", *(r.name for r in runs)], rows, in_html=False)


def pass_at_k_table(runs: Sequence[Run]) -> Table | None:
    names = sorted({k for r in runs for k in r.summary.get("pass_at_k", {})}, key=lambda k: int(k.split("@")[1]))
    if not names:
        return None
    rows = []
    for name in names:
        for part, label in (("function", "function"), ("function_quality", "function & quality")):
            rows.append([Cell(f"{name} ({label})"),
                         *(Cell(_number(r.summary.get("pass_at_k", {}).get(name, {}).get(part))) for r in runs)])
    return Table("pass_at_k", "pass@k", ["metric", *(r.name for r in runs)], rows,
                 caption="Unbiased pass@k (Chen et al., 2021) over tasks with at least k samples.")


def _cwe_key(cwe: str) -> tuple[int, str]:
    return (int(cwe), cwe) if cwe.isdigit() else (1 << 30, cwe)


def per_group_table(runs: Sequence[Run], summary_key: str, key: str, title: str, label: str,
                    prefix: str = "") -> Table | None:
    groups = sorted({g for r in runs for g in r.summary.get(summary_key, {})}, key=_cwe_key)
    if not groups:
        return None
    header = [label]
    for _run in runs:
        header += ["n", "function", "quality", "joint"]
    rows = []
    for group in groups:
        row = [Cell(prefix + group)]
        for run in runs:
            item = run.summary.get(summary_key, {}).get(group)
            if item is None:
                row += [Cell("–")] * 4
                continue
            anchor = f"{run_link(run)}#{summary_key}-{group}"
            row += [Cell(str(item["samples"]), link=anchor), Cell(_two(item.get("function"))),
                    Cell(_two(item.get("quality"))), Cell(_two(item.get("function_quality")))]
        rows.append(row)
    return Table(key, title, header, rows, caption="Pass rates per group; n (samples) links to them.",
                 spans=[("", 1), *((run.name, 4) for run in runs)])


def _two(value: Any) -> str:
    return "–" if value is None else f"{float(value):.2f}"


def comparison_tables(runs: Sequence[Run]) -> list[Table]:
    """Each run against the first on their common tasks (paired): per-task means of a rate, which
    tasks got better or worse, the mean difference with a bootstrap interval, an exact sign test."""
    if len(runs) < 2:
        return []
    base = runs[0]
    rows: list[list[Cell]] = []
    notes: list[str] = []
    changed: list[list[Cell]] = []
    labels = {"function": "function", "function_quality": "function & quality"}
    for run in runs[1:]:
        for metric in ("function", "function_quality"):
            result = paired_comparison(base.records, run.records, metric)
            low, high = result.difference_interval or (0.0, 0.0)
            rows.append([Cell(run.name), Cell(labels[metric]), Cell(str(result.common_tasks)),
                         Cell(f"{result.only_a} / {result.only_b}"), Cell(_number(result.mean_a)),
                         Cell(_number(result.mean_b)), Cell(f"{result.mean_b - result.mean_a:+.3f}",
                                                            note=f"[{low:+.3f}, {high:+.3f}]"),
                         Cell(str(len(result.better))), Cell(str(len(result.worse))),
                         Cell(f"{result.sign_test_p:.3g}")])
            if result.task_sets_differ and metric == "function":
                notes.append(f"task sets differ: {base.name} has {result.only_a} task(s) {run.name} lacks, "
                             f"{run.name} has {result.only_b} that {base.name} lacks; compared on the "
                             f"{result.common_tasks} common task(s) only")
            if metric == "function_quality":
                changed.append([Cell(run.name), *(linked_list([(t, f"{run_link(run)}#task-{t}") for t in tasks])
                                                  for tasks in (result.better, result.worse))])
    header = ["run (vs " + base.name + ")", "rate", "common tasks", "only first / only this", "first", "this",
              "difference [95% CI]", "better", "worse", "sign test p"]
    tables = [Table("paired", f"Paired comparison with {base.name}", header, rows,
                    caption="Per-task means on the tasks both runs have; the interval resamples tasks; the "
                            "sign test is exact and two-sided over tasks that changed (McNemar's test with one "
                            "sample per task).", notes=notes)]
    if changed:
        tables.append(Table("paired_tasks", f"Tasks that changed against {base.name} (function & quality)",
                            ["run", "better", "worse"], changed, text_table=True,
                            caption="Task names link to the run's samples of that task."))
    return tables


def configuration_notes(runs: Sequence[Run]) -> list[str]:
    """Warnings a reader needs before comparing the columns."""
    notes = []
    benchmarks = {str((r.provenance.get("config") or {}).get("benchmark")) for r in runs if r.provenance.get("config")}
    if len(benchmarks) > 1:
        notes.append("runs are on different benchmarks: " + ", ".join(sorted(benchmarks)))
    configs = [r.provenance.get("config") or {} for r in runs if r.provenance.get("config")]
    if len({r.config_hash for r in runs if r.config_hash}) > 1 and configs:
        differ = sorted({k for c in configs for k in c if any(c.get(k) != o.get(k) for o in configs)})
        notes.append("runs were scored under different configurations (" + ", ".join(differ) + ")")
    missing = [r.name for r in runs if not r.provenance.get("config")]
    if missing:
        notes.append("no provenance recorded (files from an older realcode): " + ", ".join(missing))
    task_sets = {frozenset(r.tasks) for r in runs}
    if len(task_sets) > 1:
        common = frozenset.intersection(*task_sets)
        notes.append(f"runs cover different task sets ({', '.join(f'{r.name}: {len(r.tasks)}' for r in runs)} "
                     f"tasks; {len(common)} in common): compare rates on the paired table")
    return notes


def repair_tables(repairs: Sequence[RepairRun]) -> list[Table]:
    from realcode.repair import per_round_rates

    tables = []
    for repair in repairs:
        histories = list(repair.by_task.values())
        rows = []
        total = len(histories)
        for row in per_round_rates(histories, repair.rounds):
            fixed = sum(1 for c in repair.first_clean if c == row["round"])
            rows.append([Cell(str(row["round"])), Cell(str(row["answered"])),
                         Cell(f"{fixed / total:.3f}" if total else "–"),
                         Cell(_number(row["function"])), Cell(_number(row["quality"])),
                         Cell(_number(row["function_quality"])), Cell(_number(row["error_free"])),
                         Cell(str(row["requests"])), Cell(str(row["tokens"]))])
        tables.append(Table(f"repair_{repair.slug}", f"Repair rounds: {repair.name}",
                            ["round", "answered", "clean first here", "function", "quality", "function & quality",
                             "error-free", "requests", "tokens"], rows,
                            caption=f"{total} task(s). Rates after each round over all tasks (a task that stopped "
                                    "keeps its last program); round 0 is the first answer."))
    return tables


def reward_values(run: Run, reward: str) -> list[float]:
    from realcode.rewards import make_reward
    from realcode.scoring.score import Score

    formula = make_reward(reward)
    return [float(formula(Score.from_dict(r)).value) for r in run.records]


def reward_table(runs: Sequence[Run], reward: str) -> Table:
    rows = []
    counts = [reward_distribution(reward_values(run, reward)) for run in runs]
    for name, _, _ in REWARD_BINS:
        if all(c[name] == 0 for c in counts) and name in ("< 0", "> 1"):
            continue
        cells = [Cell(name)]
        for count in counts:
            total = sum(count.values())
            cells.append(Cell(str(count[name]), note=f"{count[name] / total:.1%}" if total else None))
        rows.append(cells)
    return Table(f"reward_{reward}", f"Reward distribution: {reward}", ["reward", *(r.name for r in runs)], rows,
                 caption="Samples per reward bin (share of the run's samples). Bins 0.2 wide on SecureCodeRL's "
                         "partial-credit ladder (0, 0.2, 0.4, 0.6, then 0.6 + 0.4 k/T), exactly 0 and exactly 1 "
                         "apart.")


def provenance_table(runs: Sequence[Run]) -> Table:
    fields = (("model", lambda p: (p.get("source") or {}).get("model")),
              ("source", lambda p: (p.get("source") or {}).get("id") or (p.get("source") or {}).get("kind")),
              ("sampling", lambda p: ", ".join(f"{k} {(p.get('source') or {})[k]}" for k in
                                               ("temperature", "top_p", "max_tokens", "seed")
                                               if (p.get("source") or {}).get(k) is not None) or None),
              ("benchmark", lambda p: _config(p, "benchmark") and f"{_config(p, 'benchmark')} [{_config(p, 'split')}]"),
              ("data", lambda p: p.get("data")),
              ("quality analyzers", lambda p: _versions(p, "quality_analyzers")),
              ("other analyzers", lambda p: _versions(p, "extra_analyzers")),
              ("limits", lambda p: _limits(_config(p, "limits"))),
              ("isolation", lambda p: _isolation(p.get("isolation"))),
              ("realcode", lambda p: p.get("realcode") and f"{p['realcode']} ({p.get('revision') or 'no git'}), "
                                                         f"rules {_config(p, 'rules')}"),
              ("date", lambda p: p.get("date")),
              ("configuration hash", lambda p: p.get("config_hash")))
    rows = [[Cell(label), *(Cell(str(get(r.provenance) or "–")) for r in runs)] for label, get in fields]
    rows.append([Cell("results file"), *(Cell(r.path) for r in runs)])
    return Table("provenance", "Provenance", ["", *(r.name for r in runs)], rows, text_table=True)


def _config(provenance: dict[str, Any], key: str) -> Any:
    return (provenance.get("config") or {}).get(key)


def _versions(provenance: dict[str, Any], key: str) -> str | None:
    """``name version`` per analyzer (the flags stay in the results file's header)."""
    names = _config(provenance, key)
    if not names:
        return None
    versions = _config(provenance, "analyzer_versions") or {}
    shown = []
    for name in names:
        words = str(versions.get(name, "")).split()
        version = next((w for w in words if w[:1].isdigit()), words[0] if words else "")
        shown.append(f"{name} {version}".strip())
    return ", ".join(shown)


def _limits(limits: dict[str, Any] | None) -> str | None:
    if not limits:
        return None
    text = (f"wall {limits.get('wall_s')} s, case {limits.get('case_timeout_s')} s, "
            f"memory {limits.get('memory_mb')} MB")
    if limits.get("calibrate"):
        text += f", case limits calibrated ×{limits.get('time_factor')} the reference"
    return text


def _isolation(isolation: dict[str, Any] | None) -> str | None:
    if not isolation:
        return None
    text = f"{isolation.get('method')} (network {isolation.get('network')}, file system {isolation.get('filesystem')})"
    return text if isolation.get("method") != "none" else "NONE, not sandboxed: " + text
