"""Run the taint analysis and the named checks over one program and produce Findings.

The engine fails closed: a program it cannot analyse within its budget (``context.py``: size,
syntax-tree nodes, work units, seconds, nesting depth) gets one ``security/analysis-budget``
finding instead of a verdict, never a clean bill and never unbounded time or memory.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.security import specs
from realcode.analysis.security.checks import run_checks
from realcode.analysis.security.context import (
    MAX_AST_NODES,
    MAX_SOURCE_CHARS,
    Budget,
    BudgetExceeded,
    Shared,
)
from realcode.analysis.security.module import load_module
from realcode.analysis.security.secrets import secret_findings
from realcode.analysis.security.taint import FunctionAnalysis, Hit, Summary
from realcode.analysis.security.values import REAL_SOURCES, State

ANALYZER = "security"
SUMMARY_ROUNDS = 3  # helpers of helpers of helpers; context-insensitive summaries settle quickly
BUDGET_RULE = f"{ANALYZER}/analysis-budget"


@dataclass
class SecurityReport:
    findings: list[Finding] = field(default_factory=list)
    parsed: bool = True
    error: str | None = None


def analyze_source(source: str, path: str = "program.py", entry_points: Iterable[str] = (),
                   budget: Budget | None = None) -> SecurityReport:
    """Findings for one program. Never raises: unparsable input gives a structured result, and
    a program over the analysis budget a ``security/analysis-budget`` finding.

    ``entry_points`` names the functions the task says are called from outside (besides every
    public function, method and constructor, which always are)."""
    if len(source) > MAX_SOURCE_CHARS:
        return _over_budget(path, f"{len(source)} characters (limit {MAX_SOURCE_CHARS})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as exc:
        if isinstance(exc, (RecursionError, MemoryError)):
            return _over_budget(path, f"too deeply nested to parse ({type(exc).__name__})")
        message = f"unparsable: {type(exc).__name__}: {exc}"
        line = getattr(exc, "lineno", None) or 1
        return SecurityReport(parsed=False, error=message, findings=[Finding(
            rule_id=f"{ANALYZER}/unparsable", analyzer=ANALYZER, category=Category.ERROR,
            severity=Severity.HIGH, message=message, line=int(line), path=path)])
    try:
        nodes = sum(1 for _ in ast.walk(tree))
        if nodes > MAX_AST_NODES:
            return _over_budget(path, f"{nodes} syntax-tree nodes (limit {MAX_AST_NODES})")
        return SecurityReport(findings=_analyze_tree(tree, path, frozenset(entry_points), budget or Budget()))
    except BudgetExceeded as exc:
        return _over_budget(path, str(exc))
    except (RecursionError, MemoryError) as exc:
        return _over_budget(path, f"too deeply nested to analyse ({type(exc).__name__})")


def _over_budget(path: str, why: str) -> SecurityReport:
    message = f"program not analysed within the security analysis budget: {why}"
    return SecurityReport(parsed=True, error=message, findings=[Finding(
        rule_id=BUDGET_RULE, analyzer=ANALYZER, category=Category.ERROR, severity=Severity.HIGH,
        message=message, line=1, path=path)])


def _analyze_tree(tree: ast.Module, path: str, entry_points: frozenset[str], budget: Budget) -> list[Finding]:
    module = load_module(tree, entry_points)
    summaries: dict[str, Summary] = {}
    globals_: State = {}
    analyses: list[FunctionAnalysis] = []
    previous = Shared(budget=budget)
    for _ in range(SUMMARY_ROUNDS):
        shared = Shared(budget=budget, lambdas=dict(previous.lambdas))
        analyses = []
        top = FunctionAnalysis(module, tree.body, (), summaries, globals_, is_entry=True,
                               shared=shared, previous=previous)
        top.run()
        analyses.append(top)
        # Module state the functions see: tainted values, and what callables and objects are
        # (``run = conn.execute`` at module level is still a SQL sink inside a function).
        new_globals = {k: v for k, v in top.final_state.items() if v.tainted or v.ref is not None}
        new_summaries: dict[str, Summary] = {}
        for info in module.functions:
            entry = module.is_entry(info)
            analysis = FunctionAnalysis(module, info.node.body, info.params, summaries, new_globals,
                                        is_entry=entry, function=info, shared=shared, previous=previous)
            analysis.run()
            analyses.append(analysis)
            new_summaries[info.qualname] = Summary(returns=analysis.returns, hits=[
                h for h in analysis.hits if any(o.startswith("param:") for o in h.origins)])
        stable = _same_summaries(summaries, new_summaries) and new_globals.keys() == globals_.keys() and \
            _same_shared(previous, shared)
        summaries, globals_, previous = new_summaries, new_globals, shared
        if stable:
            break

    hits: list[Hit] = []
    for analysis in analyses:
        function = analysis.function
        entry = function is None or module.is_entry(function)
        captured = function is not None and module.captures_entry(function)
        own = {f"param:{p}" for p in function.params} if function is not None else set()
        for hit in analysis.hits:
            if hit.origins & REAL_SOURCES or (entry and hit.origins) or hit.kind in specs.UNCONDITIONAL_KINDS or (
                    captured and hit.origins - own):
                hits.append(hit)
    findings = [_finding(hit, path) for hit in hits]
    findings += run_checks(module, path)
    findings += secret_findings(tree, path)  # credentials, randomness, password storage
    return _dedupe(findings)


def _same_shared(a: Shared, b: Shared) -> bool:
    def keys(shared: Shared) -> tuple[object, ...]:
        return (
            {q: {k: v.key() for k, v in s.items()} for q, s in shared.closures.items()},
            {c: {k: v.key() for k, v in s.items()} for c, s in shared.fields.items()},
            {k: v.key() for k, v in shared.global_writes.items()},
        )
    return keys(a) == keys(b)


def _same_summaries(a: dict[str, Summary], b: dict[str, Summary]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(a[k].returns.key() == b[k].returns.key() and
               {(h.kind, h.line, h.origins) for h in a[k].hits} == {(h.kind, h.line, h.origins) for h in b[k].hits}
               for k in a)


def _finding(hit: Hit, path: str) -> Finding:
    cwe, severity, rule, what = specs.KINDS[hit.kind]
    if hit.kind in specs.UNCONDITIONAL_KINDS:
        message = f"{what}: {hit.sink}"
    else:
        sources = sorted(o.split(":", 1)[1] if ":" in o else "untrusted input" for o in hit.origins)
        where = "returned" if hit.sink == "returned" else f"passed to {hit.sink}"
        message = f"{what}: {', '.join(sources)} {where}"
    return Finding(
        rule_id=f"{ANALYZER}/{rule}", analyzer=ANALYZER, category=Category.SECURITY, severity=severity,
        message=message, line=hit.line, column=hit.column, cwe=cwe,
        confidence="high" if hit.origins & REAL_SOURCES else "medium", path=path, trace=hit.trace)


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
