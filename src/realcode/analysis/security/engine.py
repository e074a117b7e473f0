"""Run the taint analysis and the named checks over one program and produce Findings."""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field

from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.security import specs
from realcode.analysis.security.checks import run_checks
from realcode.analysis.security.module import load_module
from realcode.analysis.security.secrets import secret_findings
from realcode.analysis.security.taint import FunctionAnalysis, Hit, Summary
from realcode.analysis.security.values import SOURCE, State

ANALYZER = "security"
SUMMARY_ROUNDS = 3  # helpers of helpers of helpers; context-insensitive summaries settle quickly


@dataclass
class SecurityReport:
    findings: list[Finding] = field(default_factory=list)
    parsed: bool = True
    error: str | None = None


def analyze_source(source: str, path: str = "program.py") -> SecurityReport:
    """Findings for one program. Never raises: unparsable input gives a structured result."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as exc:
        message = f"unparsable: {type(exc).__name__}: {exc}"
        line = getattr(exc, "lineno", None) or 1
        return SecurityReport(parsed=False, error=message, findings=[Finding(
            rule_id=f"{ANALYZER}/unparsable", analyzer=ANALYZER, category=Category.ERROR,
            severity=Severity.HIGH, message=message, line=int(line), path=path)])
    try:
        return SecurityReport(findings=_analyze_tree(tree, path))
    except RecursionError:
        return SecurityReport(parsed=True, error="program too deeply nested to analyse", findings=[])


def _analyze_tree(tree: ast.Module, path: str) -> list[Finding]:
    module = load_module(tree)
    summaries: dict[str, Summary] = {}
    globals_: State = {}
    analyses: list[FunctionAnalysis] = []
    for _ in range(SUMMARY_ROUNDS):
        analyses = []
        top = FunctionAnalysis(module, tree.body, (), summaries, globals_, is_entry=True)
        top.run()
        analyses.append(top)
        new_globals = {k: v for k, v in top.final_state.items() if v.tainted}
        new_summaries: dict[str, Summary] = {}
        for info in module.functions:
            entry = module.is_entry(info)
            analysis = FunctionAnalysis(module, info.node.body, info.params, summaries, new_globals,
                                        is_entry=entry, function=info)
            analysis.run()
            analyses.append(analysis)
            new_summaries[info.qualname] = Summary(returns=analysis.returns, hits=[
                h for h in analysis.hits if any(o.startswith("param:") for o in h.origins)])
        stable = _same_summaries(summaries, new_summaries) and new_globals.keys() == globals_.keys()
        summaries, globals_ = new_summaries, new_globals
        if stable:
            break

    hits: list[Hit] = []
    for analysis in analyses:
        entry = analysis.function is None or module.is_entry(analysis.function)
        for hit in analysis.hits:
            if SOURCE in hit.origins or (entry and hit.origins):
                hits.append(hit)
    findings = [_finding(hit, path) for hit in hits]
    findings += run_checks(module, path)
    findings += secret_findings(tree, path)  # credentials, randomness, password storage
    return _dedupe(findings)


def _same_summaries(a: dict[str, Summary], b: dict[str, Summary]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(a[k].returns.key() == b[k].returns.key() and
               {(h.kind, h.line, h.origins) for h in a[k].hits} == {(h.kind, h.line, h.origins) for h in b[k].hits}
               for k in a)


def _finding(hit: Hit, path: str) -> Finding:
    cwe, severity, rule, what = specs.KINDS[hit.kind]
    sources = sorted(o.split(":", 1)[1] if ":" in o else "untrusted input" for o in hit.origins)
    where = "returned" if hit.sink == "returned" else f"passed to {hit.sink}"
    return Finding(
        rule_id=f"{ANALYZER}/{rule}", analyzer=ANALYZER, category=Category.SECURITY, severity=severity,
        message=f"{what}: {', '.join(sources)} {where}", line=hit.line, column=hit.column, cwe=cwe,
        confidence="high" if SOURCE in hit.origins else "medium", path=path, trace=hit.trace)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int]] = set()
    out: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.line, f.column, f.rule_id)):
        key = (finding.rule_id, finding.line)
        if key in seen:
            continue
        seen.add(key)
        out.append(finding)
    return out

