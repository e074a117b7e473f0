"""Code hidden in strings is analysed as code.

``exec("def handler(q): ...", globals())`` defines exactly what the string says; a program that
hides its body this way must get the same verdict as one that writes it out. Before analysis,
each statement that executes a constant string (``exec(S)``, ``exec(S, globals())``,
``exec(compile(S, name, "exec"))``, with ``S`` a literal, a constant-folded concatenation or a
module-level name bound once to one) is replaced by the statements the string parses to, placed
at the statement's line. Strings that do not parse are left alone (they fail at run time).
"""

from __future__ import annotations

import ast
import warnings

from realcode.code.bindings import bound_names

MAX_DEPTH = 3  # exec inside exec inside exec


def _constant_string(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _constant_string(node.left, constants), _constant_string(node.right, constants)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "compile" \
            and node.args:
        return _constant_string(node.args[0], constants)
    return None


def _executed_source(statement: ast.stmt, constants: dict[str, str], shadowed: set[str]) -> str | None:
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    call = statement.value
    if not (isinstance(call.func, ast.Name) and call.func.id == "exec" and "exec" not in shadowed
            and call.args):
        return None
    return _constant_string(call.args[0], constants)


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound exactly once, to a constant string."""
    bound: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.setdefault(node.id, []).append(node)
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name) and len(bound[statement.targets[0].id]) == 1:
            value = _constant_string(statement.value, found)
            if value is not None:
                found[statement.targets[0].id] = value
    return found


def _parse(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None


def _placed(statements: list[ast.stmt], line: int) -> list[ast.stmt]:
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, (ast.stmt, ast.expr, ast.excepthandler, ast.arg, ast.keyword)):
                node.lineno, node.end_lineno = line, line
    return statements


class _Inliner(ast.NodeTransformer):
    def __init__(self, constants: dict[str, str], shadowed: set[str], depth: int) -> None:
        self.constants, self.shadowed, self.depth = constants, shadowed, depth
        self.inlined = 0

    def generic_visit(self, node: ast.AST) -> ast.AST:
        for field, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(v, ast.stmt) for v in value):
                setattr(node, field, self._body(value))
        return super().generic_visit(node)

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for statement in body:
            source = _executed_source(statement, self.constants, self.shadowed)
            inner = _parse(source) if source is not None else None
            if inner is None:
                out.append(statement)
                continue
            self.inlined += 1
            if self.depth < MAX_DEPTH:
                inner = inline_executed_strings(inner, self.depth + 1)
            out += _placed(inner.body, statement.lineno) or [statement]
        return out


def inline_executed_strings(tree: ast.Module, depth: int = 0) -> ast.Module:
    """``tree`` with statements that execute constant code replaced by that code."""
    if not any(isinstance(n, ast.Name) and n.id == "exec" for n in ast.walk(tree)):
        return tree
    inliner = _Inliner(_module_constants(tree), bound_names(tree), depth)
    tree = inliner.visit(tree)
    return ast.fix_missing_locations(tree) if inliner.inlined else tree


_CODE_RUNNERS = ("exec", "eval", "compile")


def _names_in(node: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def opaque_code_lines(tree: ast.Module) -> list[int]:
    """Lines that run code built from constants the engine cannot read (``exec(b64decode("..."))``,
    ``eval(bytes.fromhex(...).decode())``, ``exec("".join(map(chr, [...])))``): it could hide
    anything, so it is not vouched for. Code that reads no input and no parameter, yet is not a
    plain constant string, is what obfuscation looks like; code from input is the taint engine's."""
    shadowed = bound_names(tree)
    constants = _module_constants(tree)
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    free = {name for name in shadowed if name not in constants and name not in imported}
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _CODE_RUNNERS and node.func.id not in shadowed and node.args):
            continue
        code = node.args[0]
        if _constant_string(code, constants) is not None:
            continue  # readable: inlined above
        if not any(isinstance(n, ast.Call) for n in ast.walk(code)):
            continue  # names and operators: the taint engine judges where they come from
        if not _names_in(code) & free:
            lines.append(node.lineno)
    return lines
