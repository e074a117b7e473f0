"""Does a program implement anything? A syntactic test for code that only looks like a solution.

A program is *trivial* when it has no code, does not parse, or every function it defines has a
body that does no work: ``pass``, ``...``, a docstring, a constant or parameter returned as is,
``return None``, or an immediate ``raise``; and its module level runs nothing besides imports,
definitions and constant assignments. Used by rewards on tasks without tests (so that quality is
not free for empty code) and by the learning-effect benchmark's ``trivial`` rate.
"""

from __future__ import annotations

import ast


def _constant(node: ast.expr | None) -> bool:
    if node is None or isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(_constant(k) and _constant(v) for k, v in zip(node.keys, node.values, strict=True))
    return False


def _idle_statement(node: ast.stmt) -> bool:
    if isinstance(node, ast.Pass):
        return True
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Constant)  # docstrings and ``...``
    if isinstance(node, ast.Return):
        return _constant(node.value)
    return isinstance(node, ast.Raise)


def _idle_body(body: list[ast.stmt]) -> bool:
    return all(_idle_statement(node) for node in body)


def _definitions_only(body: list[ast.stmt]) -> tuple[bool, list[list[ast.stmt]]]:
    """Whether a body only defines things, and the bodies of the functions it defines."""
    functions: list[list[ast.stmt]] = []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(node.body)
        elif isinstance(node, ast.ClassDef):
            only, inner = _definitions_only(node.body)
            if not only:
                return False, functions
            functions += inner
        elif _inert(node):
            continue
        elif isinstance(node, ast.If) and _is_main_guard(node):
            continue  # a usage example exercises code; it does not implement any
        else:
            return False, functions
    return True, functions


def _inert(node: ast.stmt) -> bool:
    """Imports, constants and docstrings: module-level statements that do no work."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return _constant(node.value)
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _is_main_guard(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__")


def is_trivial(code: str | None) -> bool:
    """True when ``code`` implements nothing (see the module docstring)."""
    if code is None or not code.strip():
        return True
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    only_definitions, functions = _definitions_only(tree.body)
    if not only_definitions:
        return False
    return all(_idle_body(body) for body in functions)
