"""Control-flow graphs over Python ASTs, one per function body and one for the module.

A node is one simple statement, or the part of a compound statement that runs on its own (an
``if``/``while`` test, a ``for`` target binding, a ``with`` item, an ``except`` binding). Edges may
carry a *condition*: the test expression and which way it went, so that the analysis can learn
from it (``if host not in ALLOWED: raise`` leaves only the path where the host is allowed).
Exceptions are approximated: any statement in a ``try`` body may jump to each handler.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

# ``try``, and Python 3.11's ``try ... except*`` (same fields).
_TRY_STATEMENTS: tuple[type, ...] = tuple(t for t in (ast.Try, getattr(ast, "TryStar", None)) if t)


@dataclass(frozen=True)
class Condition:
    test: ast.expr
    holds: bool


@dataclass(frozen=True)
class LoopCheck:
    """Leaving ``for target in iterable`` whose body rejects (raise/return) some elements."""

    target: ast.expr
    iterable: ast.expr
    test: ast.expr
    ok_when: bool  # the value of ``test`` on elements that are not rejected


@dataclass
class Node:
    index: int
    kind: str  # entry, exit, stmt, test, for, with, except, assert
    ast_node: ast.AST | None = None
    line: int = 0


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    condition: Condition | None = None
    loop_check: LoopCheck | None = None


@dataclass
class CFG:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    @property
    def entry(self) -> int:
        return 0

    @property
    def exit(self) -> int:
        return 1

    def successors(self) -> dict[int, list[Edge]]:
        out: dict[int, list[Edge]] = {n.index: [] for n in self.nodes}
        for edge in self.edges:
            out[edge.source].append(edge)
        return out

    def predecessors(self) -> dict[int, list[Edge]]:
        out: dict[int, list[Edge]] = {n.index: [] for n in self.nodes}
        for edge in self.edges:
            out[edge.target].append(edge)
        return out


# A dangling edge waiting for its target: (source node, condition, loop check).
Pending = tuple[int, Condition | None, LoopCheck | None]


# Calls that never return (they raise or end the process): ``if bad: abort(403)`` guards like raise.
NO_RETURN_CALLS = frozenset({"abort", "exit", "quit", "_exit", "fail", "sys.exit", "os._exit", "flask.abort",
                             "pytest.fail"})


def never_returns(stmt: ast.stmt, returning: frozenset[str] = frozenset()) -> bool:
    """A call that never returns; ``returning``: names the program defines as functions that do
    return (a local ``fail()`` that only logs is no guard)."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    func = stmt.value.func
    name = func.id if isinstance(func, ast.Name) else (
        f"{func.value.id}.{func.attr}" if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else "")
    return name in NO_RETURN_CALLS and name not in returning


def _captured_names(pattern: ast.pattern) -> list[str]:
    names = []
    for node in ast.walk(pattern):
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.append(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.append(node.rest)
    return names


def _ends_abruptly(body: list[ast.stmt], returning: frozenset[str] = frozenset()) -> bool:
    return bool(body) and (isinstance(body[-1], (ast.Raise, ast.Return)) or never_returns(body[-1], returning))


def returning_functions(tree: ast.Module) -> frozenset[str]:
    """Functions the program defines under a never-returning name (``fail``, ``abort``) whose
    body can end without raising or exiting."""
    return frozenset(node.name for node in ast.walk(tree)
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in NO_RETURN_CALLS
                     and not _ends_abruptly(node.body))


def _loop_check(loop: ast.For | ast.AsyncFor, returning: frozenset[str] = frozenset()) -> LoopCheck | None:
    """``for x in xs: if <bad x>: raise`` — after the loop every element passed the check."""
    for stmt in loop.body:
        if isinstance(stmt, ast.If):
            if _ends_abruptly(stmt.body, returning):
                return LoopCheck(loop.target, loop.iter, stmt.test, ok_when=False)
            if stmt.orelse and _ends_abruptly(stmt.orelse, returning):
                return LoopCheck(loop.target, loop.iter, stmt.test, ok_when=True)
    return None


class _Builder:
    def __init__(self, returning: frozenset[str] = frozenset()) -> None:
        self.returning = returning
        self.cfg = CFG()
        self.loops: list[tuple[int, list[Pending]]] = []  # (continue target, break list)
        self.handlers: list[list[int]] = []  # nodes inside each enclosing try body
        self._new("entry")
        self._new("exit")

    def _new(self, kind: str, node: ast.AST | None = None) -> int:
        index = len(self.cfg.nodes)
        self.cfg.nodes.append(Node(index, kind, node, getattr(node, "lineno", 0)))
        for scope in self.handlers:
            scope.append(index)
        return index

    def _link(self, pending: list[Pending], target: int) -> None:
        for source, condition, loop_check in pending:
            self.cfg.edges.append(Edge(source, target, condition, loop_check))

    def _node(self, kind: str, node: ast.AST, pending: list[Pending]) -> int:
        index = self._new(kind, node)
        self._link(pending, index)
        return index

    def block(self, body: list[ast.stmt], pending: list[Pending]) -> list[Pending]:
        for stmt in body:
            pending = self.stmt(stmt, pending)
        return pending

    def stmt(self, stmt: ast.stmt, pending: list[Pending]) -> list[Pending]:
        if isinstance(stmt, ast.If):
            test = self._node("test", stmt, pending)
            then = self.block(stmt.body, [(test, Condition(stmt.test, True), None)])
            other = self.block(stmt.orelse, [(test, Condition(stmt.test, False), None)])
            return then + other
        if isinstance(stmt, ast.While):
            test = self._node("test", stmt, pending)
            breaks: list[Pending] = []
            self.loops.append((test, breaks))
            body_end = self.block(stmt.body, [(test, Condition(stmt.test, True), None)])
            self.loops.pop()
            self._link(body_end, test)
            return self.block(stmt.orelse, [(test, Condition(stmt.test, False), None)]) + breaks
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            head = self._node("for", stmt, pending)
            breaks = []
            self.loops.append((head, breaks))
            body_end = self.block(stmt.body, [(head, None, None)])
            self.loops.pop()
            self._link(body_end, head)
            return self.block(stmt.orelse, [(head, None, _loop_check(stmt, self.returning))]) + breaks
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            head = self._node("with", stmt, pending)
            return self.block(stmt.body, [(head, None, None)])
        if isinstance(stmt, _TRY_STATEMENTS):
            return self._try(stmt, pending)
        if isinstance(stmt, ast.Match):
            subject = self._node("stmt", ast.Expr(stmt.subject, lineno=stmt.lineno, col_offset=0), pending)
            out: list[Pending] = []
            for case in stmt.cases:
                # Names a pattern captures hold (part of) the subject.
                bound = [ast.copy_location(ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())],
                                                      value=stmt.subject), case.pattern)
                         for name in _captured_names(case.pattern)]
                out += self.block([*bound, *case.body], [(subject, None, None)])
            return [*out, (subject, None, None)]
        if isinstance(stmt, (ast.Return, ast.Raise)) or never_returns(stmt, self.returning):
            node = self._node("stmt", stmt, pending)
            self._link([(node, None, None)], self.cfg.exit)
            return []
        if isinstance(stmt, ast.Break):
            if self.loops:
                self.loops[-1][1].extend(pending)
            return []
        if isinstance(stmt, ast.Continue):
            if self.loops:
                self._link(pending, self.loops[-1][0])
            return []
        if isinstance(stmt, ast.Assert):
            node = self._node("stmt", stmt, pending)
            return [(node, Condition(stmt.test, True), None)]
        # Simple statements, and nested definitions (analysed as functions of their own).
        node = self._node("stmt", stmt, pending)
        return [(node, None, None)]

    def _try(self, stmt: Any, pending: list[Pending]) -> list[Pending]:
        inside: list[int] = []
        self.handlers.append(inside)
        body_end = self.block(stmt.body, pending)
        self.handlers.pop()
        raisers = [(i, None, None) for i in inside] + list(pending)
        out = self.block(stmt.orelse, body_end)
        for handler in stmt.handlers:
            head = self._node("except", handler, raisers)
            out += self.block(handler.body, [(head, None, None)])
        if stmt.finalbody:
            return self.block(stmt.finalbody, out)
        return out


def build_cfg(body: list[ast.stmt], returning: frozenset[str] = frozenset()) -> CFG:
    builder = _Builder(returning)
    end = builder.block(body, [(builder.cfg.entry, None, None)])
    builder._link(end, builder.cfg.exit)
    return builder.cfg
