"""Names a program binds itself: where one shadows a builtin (``sorted``, ``exec``), a call by that
name is not the builtin."""

from __future__ import annotations

import ast


def bound_names(tree: ast.AST) -> set[str]:
    """Every name the program defines, assigns, imports or takes as a parameter."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound
