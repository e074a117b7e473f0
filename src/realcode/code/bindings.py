"""Names a program binds itself: where one shadows a builtin (``sorted``, ``exec``), a call by that
name is not the builtin."""

from __future__ import annotations

import ast


def name_bound_by(node: ast.AST) -> str | None:
    """The name ``node`` binds, if any: an assignment or deletion target, a definition, a
    parameter, an import."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return node.id
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, ast.alias):
        return (node.asname or node.name).split(".")[0]
    return None


def bound_names(tree: ast.AST) -> set[str]:
    """Every name the program defines, assigns, imports or takes as a parameter."""
    return {name for node in ast.walk(tree) if (name := name_bound_by(node)) is not None}
