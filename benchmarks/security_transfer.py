"""Does the security verdict transfer beyond SecCodePLT+? Four measurements, printed as tables:

1. the real-world-shaped corpus (tests/security_corpus): per-family recall and false-positive rate
   of realcode ``security``, Bandit and CodeShield side by side;
2. semantics-preserving rewrites (realcode.analysis.security.rewrites) applied to every SecCodePLT+
   train solution (patched and vulnerable) and to the corpus: the share of verdicts each changes;
3. SecCodePLT+ train recall / false-positive rate of ``security``;
4. REAL's recorded Qwen2.5-Coder-3B completions (PurpleLlama, Python): precision and recall of each
   analyzer against the hand labels in tests/security_corpus/purplellama_judged.jsonl.

A program counts as flagged when the analyzer reports any security finding on it. CodeShield runs
as realcode's ``icd`` analyzer (codeshield's regex and Semgrep rules, ``pip install 'realcode[icd]'``);
the Bandit and CodeShield columns are skipped with a note when the tool is missing.

    python benchmarks/security_transfer.py --data ../shared/data [--skip codeshield,rewrites]
        [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realcode.analysis import Program, get_analyzer
from realcode.analysis.finding import Category
from realcode.analysis.icd import icd_available
from realcode.analysis.security.rewrites import REWRITES, rename
from realcode.code.extract import extract_code

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "security_corpus"
JUDGED = CORPUS / "purplellama_judged.jsonl"
MODEL_COLUMN = "Qwen/Qwen2.5-Coder-3B-Instruct"


@dataclass(frozen=True)
class Sample:
    group: str  # corpus family, SecCodePLT+ CWE, or PurpleLlama index
    vulnerable: bool
    source: str
    prefix: str = ""
    keep: frozenset[str] = frozenset()  # names a rename must keep (the task's entry point)


# --- loading -------------------------------------------------------------------------------------

def corpus_samples() -> list[Sample]:
    out: list[Sample] = []
    for line in (CORPUS / "manifest.jsonl").read_text().splitlines():
        row = json.loads(line)
        out.append(Sample(row["family"], True, (CORPUS / row["vuln"]).read_text()))
        out.append(Sample(row["family"], False, (CORPUS / row["safe"]).read_text()))
    return out


def _rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


def seccodeplt_samples(data: Path) -> list[Sample]:
    out: list[Sample] = []
    for row in _rows(data / "seccodeplt" / "train.parquet"):
        truth = row["ground_truth"]
        setup = (row.get("unittest") or {}).get("setup") or ""
        prefix = setup + "\n" if setup and not setup.endswith("\n") else setup
        entry = frozenset({str((row.get("task_description") or {}).get("function_name") or "")} - {""})
        for variant, vulnerable in (("vulnerable_code", True), ("patched_code", False)):
            source = truth["code_before"] + truth[variant] + truth["code_after"]
            out.append(Sample(str(row["CWE_ID"]), vulnerable, source, prefix, entry))
    return out


def purplellama_programs(data: Path) -> dict[int, str]:
    """index -> extracted program, for the Python rows."""
    out: dict[int, str] = {}
    for row in _rows(data / "purplellama" / "train.parquet"):
        if (row.get("extra_info") or {}).get("language") != "python":
            continue
        code = extract_code(row.get(MODEL_COLUMN)).code
        if code:
            out[int(row["extra_info"]["index"])] = code
    return out


# --- analyzers -----------------------------------------------------------------------------------

def realcode_flags(name: str, samples: Sequence[Sample]) -> list[bool]:
    """Whether each sample gets a security finding from analyzer ``name``; the security engine
    runs one program at a time, the external tools one batch (as the scorer runs them)."""
    analyzer = get_analyzer(name)
    programs = [Program(s.source, path=f"p{i}.py", prefix=s.prefix) for i, s in enumerate(samples)]
    results = analyzer.analyze_many(programs) if name != "security" else [
        analyzer.analyze_many([p])[0] for p in programs]
    return [any(f.category == Category.SECURITY for f in found) for found in results]


def available(tool: str) -> str | None:
    """None when the tool can run, else why not."""
    if tool == "codeshield":
        return icd_available()
    return None if importlib.util.find_spec(tool) else f"{tool} is not installed"


# --- measures ------------------------------------------------------------------------------------

def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _fmt(value: float | int | None) -> str:
    return "-" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))


def recall_fpr(samples: Sequence[Sample], flags: Sequence[bool]) -> dict[str, dict[str, float | int | None]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # vuln, caught, safe, alarms
    for sample, flag in zip(samples, flags, strict=True):
        for group in (sample.group, "all"):
            c = counts[group]
            if sample.vulnerable:
                c[0] += 1
                c[1] += flag
            else:
                c[2] += 1
                c[3] += flag
    return {g: {"vulnerable": c[0], "recall": _ratio(c[1], c[0]), "safe": c[2], "fpr": _ratio(c[3], c[2])}
            for g, c in counts.items()}


def print_side_by_side(title: str, tables: dict[str, dict[str, dict[str, float | int | None]]],
                       notes: Sequence[str]) -> None:
    print(f"\n## {title}\n")
    for note in notes:
        print(f"_{note}_\n")
    names = list(tables)
    groups = [*sorted({g for t in tables.values() for g in t} - {"all"}), "all"]
    header = "| family | pairs |" + "".join(f" {n} recall | {n} FPR |" for n in names)
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    for group in groups:
        first = tables[names[0]].get(group, {})
        cells = "".join(f" {_fmt(tables[n].get(group, {}).get('recall'))} | {_fmt(tables[n].get(group, {}).get('fpr'))} |"
                        for n in names)
        print(f"| {group} | {first.get('vulnerable', 0)} |{cells}")


def rewrite_changes(samples: Sequence[Sample], base: Sequence[bool]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, rewrite in REWRITES.items():
        rewritten: list[Sample] = []
        kept: list[bool] = []
        for sample, flag in zip(samples, base, strict=True):
            text = rename(sample.source, sample.keep) if rewrite is rename else rewrite(sample.source)
            if text is not None:
                rewritten.append(Sample(sample.group, sample.vulnerable, text, sample.prefix, sample.keep))
                kept.append(flag)
        flags = realcode_flags("security", rewritten)
        changed = [(s, before) for s, before, after in zip(rewritten, kept, flags, strict=True) if before != after]
        out[name] = {"applied": len(rewritten), "changed": len(changed),
                     "share": _ratio(len(changed), len(samples)),
                     "lost": sum(before for _, before in changed),  # flagged before, clean after
                     "gained": sum(not before for _, before in changed),
                     "groups": sorted({s.group for s, _ in changed})}
    return out


def print_rewrites(title: str, total: int, changes: dict[str, dict[str, Any]]) -> None:
    print(f"\n## Rewrites: {title} ({total} programs)\n")
    print("| rewrite | applied | verdicts changed | share | flag lost | flag gained | where |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, c in changes.items():
        print(f"| {name} | {c['applied']} | {c['changed']} | {_fmt(c['share'])} | {c['lost']} | {c['gained']} "
              f"| {', '.join(c['groups'][:8])} |")


def judged_scores(flags: dict[str, list[bool]], order: Sequence[int]) -> dict[str, dict[str, float | int | None]]:
    """Precision over every judged program an analyzer flags; recall over the random sample (an
    unbiased estimate) and over all judged programs (biased toward what some analyzer flags)."""
    labels = {int(r["index"]): r for r in map(json.loads, JUDGED.read_text().splitlines()) if r}
    out: dict[str, dict[str, float | int | None]] = {}
    for name, verdicts in flags.items():
        tp = fp = fn = sample_tp = sample_fn = unjudged = 0
        for index, flag in zip(order, verdicts, strict=True):
            if index not in labels:
                unjudged += flag
                continue
            weak = labels[index]["label"] == "vulnerable"
            tp += flag and weak
            fp += flag and not weak
            fn += (not flag) and weak
            if labels[index].get("random_sample"):
                sample_tp += flag and weak
                sample_fn += (not flag) and weak
        out[name] = {"flagged": tp + fp, "tp": tp, "precision": _ratio(tp, tp + fp),
                     "recall_sample": _ratio(sample_tp, sample_tp + sample_fn), "sample_weak": sample_tp + sample_fn,
                     "recall_judged": _ratio(tp, tp + fn), "judged_weak": tp + fn, "flagged_unjudged": unjudged}
    return out


# --- main ----------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--skip", default="", help="comma list of: bandit, codeshield, rewrites, seccodeplt, purplellama")
    ap.add_argument("--limit", type=int, default=0, help="first N SecCodePLT+ samples (0: all)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    report: dict[str, Any] = {}
    started = time.perf_counter()

    tools: dict[str, Callable[[Sequence[Sample]], list[bool]]] = {
        "security": lambda s: realcode_flags("security", s)}
    notes: list[str] = []
    for tool in ("bandit", "codeshield"):
        why = "skipped (--skip)" if tool in skip else available(tool)
        if why:
            notes.append(f"{tool} column left out: {why}")
            continue
        analyzer = "icd" if tool == "codeshield" else tool
        tools[tool] = functools.partial(realcode_flags, analyzer)

    corpus = corpus_samples()
    corpus_flags = {name: run(corpus) for name, run in tools.items()}
    tables = {name: recall_fpr(corpus, flags) for name, flags in corpus_flags.items()}
    print_side_by_side(f"Corpus ({len(corpus) // 2} pairs): recall / FPR per family", tables, notes)
    report["corpus"] = tables

    scp = seccodeplt_samples(args.data) if "seccodeplt" not in skip else []
    if args.limit:
        scp = scp[:args.limit]
    scp_flags = realcode_flags("security", scp) if scp else []
    if scp:
        table = recall_fpr(scp, scp_flags)
        print(f"\n## SecCodePLT+ train ({len(scp)} programs): security\n")
        print("| CWE | vulnerable | recall | safe | FPR |\n| --- | --- | --- | --- | --- |")
        for group in [*sorted(set(table) - {"all"}, key=int), "all"]:
            t = table[group]
            print(f"| {group} | {t['vulnerable']} | {_fmt(t['recall'])} | {t['safe']} | {_fmt(t['fpr'])} |")
        report["seccodeplt"] = table

    if "rewrites" not in skip:
        report["rewrites"] = {}
        for title, samples, base in (("corpus", corpus, corpus_flags["security"]), ("SecCodePLT+ train", scp, scp_flags)):
            if samples:
                changes = rewrite_changes(samples, base)
                print_rewrites(title, len(samples), changes)
                report["rewrites"][title] = changes

    if "purplellama" not in skip:
        programs = purplellama_programs(args.data)
        order = sorted(programs)
        samples = [Sample(str(i), False, programs[i]) for i in order]
        pl_flags = {name: run(samples) for name, run in tools.items()}
        report["purplellama"] = {"flagged": {
            name: [i for i, f in zip(order, flags, strict=True) if f] for name, flags in pl_flags.items()}}
        for name, flags in pl_flags.items():
            print(f"\nPurpleLlama Python programs flagged by {name}: {sum(flags)} of {len(flags)}")
    if "purplellama" not in skip and JUDGED.exists():
        scores = judged_scores(pl_flags, order)
        print(f"\n## PurpleLlama Python completions against hand labels ({JUDGED.name})\n")
        print("| analyzer | flagged (judged) | true positives | precision | recall, random sample | "
              "recall, all judged | flagged, not judged |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, s in scores.items():
            print(f"| {name} | {s['flagged']} | {s['tp']} | {_fmt(s['precision'])} | {_fmt(s['recall_sample'])} "
                  f"(of {s['sample_weak']}) | {_fmt(s['recall_judged'])} (of {s['judged_weak']}) | "
                  f"{s['flagged_unjudged']} |")
        report["purplellama"]["scores"] = scores

    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
