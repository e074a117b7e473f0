"""A policy measured on a fixed task set: sample it, score every sample with realcode's evaluation
(a results file ``realcode report`` reads) and reduce the records to the ablation's rates:
function, quality, their joint rate, and ``trivial`` (samples that implement nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realcode.benchmarks import Task
from realcode.code.trivial import is_trivial
from realcode.evaluation.metrics import summarize
from realcode.evaluation.provenance import provenance, scoring_config
from realcode.evaluation.results import make_header
from realcode.evaluation.runner import Sample, evaluate
from realcode.scoring import Scorer

RATES = ("function", "quality", "function_quality", "trivial", "runnable")


def trivial_rate(records: Sequence[dict[str, Any]]) -> float:
    """The share of samples with no code, code that does not parse, or code that does nothing."""
    if not records:
        return 0.0
    return sum(not r.get("code_found") or is_trivial(r.get("code")) for r in records) / len(records)


def policy_metrics(records: Sequence[dict[str, Any]]) -> dict[str, float]:
    summary = summarize(records, ks=())
    metrics = {key: float(summary[key] or 0.0) for key in RATES if key != "trivial"}
    metrics["trivial"] = trivial_rate(records)
    # the part of trivial that parses: stubs, not broken text
    metrics["stub"] = (sum(bool(r.get("compiles")) and is_trivial(r.get("code")) for r in records) / len(records)
                       if records else 0.0)
    metrics["compile"] = float(summary["compile"] or 0.0)
    metrics["samples"] = float(len(records))
    return metrics


def sample_policy(model: str, tasks: Sequence[Task], n: int, max_tokens: int, temperature: float, seed: int,
                  device: str | None = None, batch_size: int = 8) -> list[Sample]:
    from realcode.generation import SamplingParams
    from realcode.generation.local import TransformersBackend

    backend = TransformersBackend(model, device=device, batch_size=batch_size, dtype="float32")
    try:
        outputs = backend.generate([t.prompt for t in tasks], n, SamplingParams(
            temperature=temperature, max_tokens=max_tokens, seed=seed))
    finally:
        backend.close()
    return [Sample(task.id, index, completion.text)
            for task, group in zip(tasks, outputs, strict=True) for index, completion in enumerate(group)]


def evaluate_policy(model: str, tasks: Sequence[Task], out: Path, scorer: Scorer, n: int, max_tokens: int,
                    temperature: float, seed: int, data_source: str, device: str | None = None
                    ) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Sample ``n`` completions per task, score them into ``out`` (a fresh results file) and return
    the rates with the records."""
    samples = sample_policy(model, tasks, n, max_tokens, temperature, seed, device)
    source = {"id": f"model {model}", "kind": "model", "model": str(model), "temperature": temperature,
              "max_tokens": max_tokens, "seed": seed}
    out.unlink(missing_ok=True)
    run = evaluate(tasks, samples, out, scorer=scorer, progress=False,
                   header=results_header(tasks, scorer, source, data_source))
    return policy_metrics(run.records), run.records


def results_header(tasks: Sequence[Task], scorer: Scorer, source: dict[str, Any], data_source: str) -> dict[str, Any]:
    """The header ``realcode eval`` writes (configuration hash and provenance), for a model's samples."""
    from realcode.analysis.registry import get_analyzer
    from realcode.benchmarks import get_benchmark
    from realcode.execution.isolation import detect_isolation

    benchmark = tasks[0].benchmark if tasks else "unknown"
    config = scorer.config
    quality = list(config.quality_analyzers or (get_benchmark(benchmark).quality_analyzers if tasks else ()))
    extra = [a for a in config.extra_analyzers if a not in quality]
    versions = {name: get_analyzer(name).version() for name in (*quality, *extra)}
    scoring = scoring_config(benchmark, "train", quality, extra, versions, config.limits.to_dict(),
                             config.run_tests, None)
    info = provenance(scoring, source, data_source, detect_isolation().describe())
    return make_header(info["config_hash"], info)
