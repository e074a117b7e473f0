"""Run the taint analysis and the named checks over one program and produce Findings.

The engine fails closed: a program it cannot analyse within its budget (``context.py``: size,
syntax-tree nodes, work units, seconds, nesting depth) gets one ``security/analysis-budget``
finding instead of a verdict, never a clean bill and never unbounded time or memory.
"""

from __future__ import annotations

import ast
import copy
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.security import specs
from realcode.analysis.security.checks import run_checks
from realcode.analysis.security.context import (
    MAX_AST_NODES,
    MAX_SOURCE_CHARS,
    UNMETERED_SECONDS_PER_NODE,
    Budget,
    BudgetExceeded,
    Shared,
)
from realcode.analysis.security.inline import inline_executed_strings, opaque_code_lines
from realcode.analysis.security.module import exported_functions, load_module
from realcode.analysis.security.secrets import (
    _Forwarding as Forwarding,  # shared with the secret checks
)
from realcode.analysis.security.secrets import secret_findings
from realcode.analysis.security.taint import FunctionAnalysis, Hit, Summary
from realcode.analysis.security.values import REAL_SOURCES, SOURCE, State

ANALYZER = "security"
# Rounds until summaries, stores and globals are stable: one per level of a helper chain or of a
# store one helper fills and another reads. Each round re-runs only the bodies whose inputs
# changed and facts only grow, so the cap is a guard; the analysis budget bounds the cost.
SUMMARY_ROUNDS = 64
BUDGET_RULE = f"{ANALYZER}/analysis-budget"
OPAQUE_RULE = f"{ANALYZER}/opaque-code"


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
    budget = budget or Budget()
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
        tree = inline_executed_strings(tree)  # code hidden in exec strings is code
        nodes = sum(1 for _ in ast.walk(tree))
        if nodes > MAX_AST_NODES:
            return _over_budget(path, f"{nodes} syntax-tree nodes (limit {MAX_AST_NODES})")
        findings = _analyze_tree(tree, path, frozenset(entry_points), budget, nodes)
        findings += [Finding(rule_id=OPAQUE_RULE, analyzer=ANALYZER, category=Category.SECURITY,
                             severity=Severity.HIGH, cwe=506, line=line, path=path,
                             message="runs code built from constants the analysis cannot read "
                                     "(encoded or assembled at run time); it is not vouched for")
                     for line in opaque_code_lines(tree)]
        return SecurityReport(findings=findings)
    except BudgetExceeded as exc:
        return _over_budget(path, str(exc))
    except (RecursionError, MemoryError) as exc:
        return _over_budget(path, f"too deeply nested to analyse ({type(exc).__name__})")


def _over_budget(path: str, why: str) -> SecurityReport:
    message = f"program not analysed within the security analysis budget: {why}"
    return SecurityReport(parsed=True, error=message, findings=[Finding(
        rule_id=BUDGET_RULE, analyzer=ANALYZER, category=Category.ERROR, severity=Severity.HIGH,
        message=message, line=1, path=path)])


def _analyze_tree(tree: ast.Module, path: str, entry_points: frozenset[str], budget: Budget,
                  nodes: int) -> list[Finding]:
    tree = _direct_calls(tree)
    module = load_module(tree, entry_points)
    top_names = _top_level_names(tree)
    summaries: dict[str, Summary] = {}
    globals_: State = {}
    # Cross-function facts only grow (joins), so one object serves every round; a round re-runs
    # only the bodies whose inputs changed in the last one (summaries of what they call, globals
    # they read); closures and methods, which read captured variables and fields, always re-run.
    shared = Shared(budget=budget)
    top: FunctionAnalysis | None = None
    # Per definition, not per name: a program may define ``f`` twice (``_orig = f`` then a
    # wrapper ``def f(*a, **k): return _orig(*a, **k)``), and the first body's hits still count.
    latest: dict[tuple[str, int], FunctionAnalysis] = {}
    changed: set[str] | None = None  # None: everything is new
    for _ in range(SUMMARY_ROUNDS):
        before = _shared_keys(shared)
        if top is None or changed is None or top_names & changed:
            top = FunctionAnalysis(module, tree.body, (), summaries, globals_, is_entry=True,
                                   shared=shared, previous=shared)
            top.run()
            top.report_exported_lambdas()
            exported = exported_functions(module, {k: v.ref for k, v in top.final_state.items()})
            if not exported <= module.exported:  # a function reachable from outside after all
                module.exported |= exported
                changed = None
        # Module state the functions see: tainted values, and what callables and objects are
        # (``run = conn.execute`` at module level is still a SQL sink inside a function).
        new_globals = {k: v for k, v in top.final_state.items() if v.tainted or v.ref is not None}
        changed_globals = {k for k in new_globals.keys() | globals_.keys()
                           if k not in new_globals or k not in globals_ or new_globals[k].key() != globals_[k].key()}
        new_summaries = dict(summaries)
        for info in module.functions:
            definition = (info.qualname, id(info.node))
            if changed is not None and definition in latest and not (
                    info.calls & (changed | changed_globals) or info.nested or info.class_name is not None
                    or any(name.startswith("<") for name in changed)):  # a file or table any function may read
                continue
            analysis = FunctionAnalysis(module, info.node.body, info.params, summaries, new_globals,
                                        is_entry=module.is_entry(info), function=info, shared=shared,
                                        previous=shared)
            analysis.run()
            latest[definition] = analysis
            new_summaries[info.qualname] = Summary(returns=analysis.returns, stores=analysis.stores,
                                                   guards=analysis.guards, ensures=analysis.ensures, hits=[
                h for h in analysis.hits if any(o.startswith("param:") for o in h.origins)])
        after = _shared_keys(shared)
        changed = {q.rsplit(".", 1)[-1] for q in new_summaries if q not in summaries or
                   not _same_summary(summaries[q], new_summaries[q])}
        changed |= {name for name in after[2].keys() | before[2].keys() if after[2].get(name) != before[2].get(name)}
        changed |= changed_globals
        stable = not changed and before == after
        summaries, globals_ = new_summaries, new_globals
        if stable:
            break

    hits: list[Hit] = []
    for analysis in [a for a in (top,) if a is not None] + list(latest.values()):
        function = analysis.function
        entry = function is None or module.is_entry(function)
        captured = function is not None and module.captures_entry(function)
        own = {f"param:{p}" for p in function.params} if function is not None else set()
        for hit in analysis.hits:
            # A closure reached from outside (exported) takes its own arguments from there; what
            # it captured is its factory's arguments, judged where the factory is called.
            outside = hit.origins & own if function is not None and function.nested and not captured else hit.origins
            if hit.confined_by:
                continue  # under a directory its callers choose: judged at their calls
            if hit.caller_path:  # a path its caller chose as a whole
                if SOURCE in hit.origins:
                    hits.append(hit)
            elif hit.origins & REAL_SOURCES or (entry and outside) or hit.kind in specs.UNCONDITIONAL_KINDS or (
                    captured and hit.origins - own):
                hits.append(hit)
    findings = [_finding(hit, path) for hit in hits]
    budget.check()
    findings += run_checks(module, path, budget)
    budget.ensure(nodes * UNMETERED_SECONDS_PER_NODE, "the secret checks")
    findings += secret_findings(tree, path)  # credentials, randomness, password storage
    return _dedupe(findings)


def _direct_calls(tree: ast.Module) -> ast.Module:
    """The program with calls through a single-assignment alias, a forwarding lambda or a
    forwarding helper written as the direct call (lines kept), as the secret checks see it: guards
    and named checks read call names, and a rewrite that only renames the callee must not change
    them. Other callable values (partial, methodcaller, getattr, rebound aliases) are values in
    the taint analysis itself."""
    forwarding = Forwarding(tree, list(ast.walk(tree)))
    if not forwarding.needed:
        return tree
    direct: ast.Module = forwarding.visit(copy.deepcopy(tree))
    return direct


def _top_level_names(tree: ast.Module) -> set[str]:
    """Names the module's own statements use (outside function bodies)."""
    names: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        stack.extend(ast.iter_child_nodes(node))
    return names


def _shared_keys(shared: Shared) -> tuple[dict[str, object], dict[str, object], dict[str, object]]:
    classes: dict[str, object] = {c: {k: v.key() for k, v in s.items()} for c, s in shared.fields.items()}
    classes |= {f"checked:{c}": dict(checks) for c, checks in shared.field_checks.items()}
    classes |= {f"rewritten:{c}": sorted(names) for c, names in shared.rewritten.items()}
    classes |= {f"constructed:{c}": {k: v.key() for k, v in given.items()} for c, given in shared.constructed.items()}
    return (
        {q: {k: v.key() for k, v in s.items()} for q, s in shared.closures.items()},
        classes,
        {k: v.key() for k, v in shared.global_writes.items()},
    )


def _same_summary(a: Summary, b: Summary) -> bool:
    return a.returns.key() == b.returns.key() and \
        {(h.kind, h.line, h.origins) for h in a.hits} == {(h.kind, h.line, h.origins) for h in b.hits} and \
        {k: v.key() for k, v in a.stores.items()} == {k: v.key() for k, v in b.stores.items()} and \
        a.guards == b.guards and a.ensures == b.ensures


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
