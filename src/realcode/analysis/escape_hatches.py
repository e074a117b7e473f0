"""Code constructs that take a program out of the type checker's sight, found in its AST.

mypy (strict, with ``--disallow-any-explicit``) reports explicit ``Any`` itself. What it cannot
report is code it never looks at:

- ``@no_type_check`` (``typing``/``typing_extensions``, any alias): the function body is unchecked;
- ``TYPE_CHECKING`` / ``MYPY`` conditions: mypy takes them as always true, the interpreter as false,
  so an ``else`` branch (or a negated condition, an ``assert not TYPE_CHECKING``...) is code that
  runs and is never checked. Only ``if TYPE_CHECKING:`` without a runtime branch is allowed;
- code hidden in strings: ``exec``, ``eval``, ``compile`` (the builtins, not ``re.compile``),
  reached by name, through ``builtins``/``__builtins__`` or ``getattr``;
- ``Any`` under another name from the checker's own stubs (``_typeshed.Incomplete``,
  ``MaybeNone``...), read from typeshed itself: ``X: TypeAlias = Any`` in the imported module's stub.
"""

from __future__ import annotations

import ast
import functools
import os
from dataclasses import dataclass

from realcode.code.bindings import name_bound_by

_NO_CHECK = {"no_type_check", "no_type_check_decorator"}
_CHECKER_ONLY = {"TYPE_CHECKING", "MYPY"}
_DYNAMIC_CODE = {"exec", "eval", "compile"}
_BUILTINS_MODULES = {"builtins", "__builtins__"}


@dataclass(frozen=True)
class Hatch:
    line: int
    column: int
    message: str


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _trivial(body: list[ast.stmt]) -> bool:
    """An empty branch: nothing, ``pass``, ``...`` or a docstring."""
    return all(isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
               for s in body)


def _bound_names(nodes: list[ast.AST]) -> set[str]:
    """Every name the program binds anywhere (a local ``compile`` is not the builtin)."""
    return {name for node in nodes if (name := name_bound_by(node)) is not None}


@functools.cache
def _typeshed_dir() -> str | None:
    try:
        import mypy
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(mypy.__file__), "typeshed", "stdlib")
    return path if os.path.isdir(path) else None


@functools.cache
def any_aliases(module: str) -> frozenset[str]:
    """Names that the stdlib stub of ``module`` declares as plain aliases of ``Any``."""
    root = _typeshed_dir()
    if root is None or not module or not all(part.isidentifier() for part in module.split(".")):
        return frozenset()
    base = os.path.join(root, *module.split("."))
    for path in (base + ".pyi", os.path.join(base, "__init__.pyi")):
        if os.path.isfile(path):
            break
    else:
        return frozenset()
    try:
        with open(path, encoding="utf-8") as handle:
            stub = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return frozenset()
    names = set()
    for stmt in stub.body:
        target, value = None, None
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            target, value = stmt.target.id, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        if target and value is not None and _name_of(value) == "Any":
            names.add(target)
    return frozenset(names)


def find_hatches(tree: ast.Module) -> list[Hatch]:
    """Every construct in ``tree`` that hides code from the type checker."""
    found: list[Hatch] = []
    nodes = list(ast.walk(tree))  # walked once: the passes below read the list
    allowed: set[int] = set()  # TYPE_CHECKING references in the one accepted form
    for node in nodes:
        if isinstance(node, ast.If) and _name_of(node.test) in _CHECKER_ONLY and _trivial(node.orelse):
            allowed.add(id(node.test))
    bound = _bound_names(nodes)
    module_alias: dict[str, str] = {}  # local name -> imported module
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                module_alias[alias.asname or alias.name.split(".")[0]] = \
                    alias.name if alias.asname else alias.name.split(".")[0]
    for node in nodes:
        line, column = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        name = _name_of(node)
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in _NO_CHECK:
                    found.append(Hatch(line, column, f"`{alias.name}` switches type checking off"))
                elif alias.name in any_aliases(node.module or ""):
                    found.append(Hatch(line, column, f"`{node.module}.{alias.name}` is `Any` under another name"))
        elif name in _NO_CHECK:
            found.append(Hatch(line, column, f"`{name}` switches type checking off"))
        elif name in _CHECKER_ONLY and isinstance(getattr(node, "ctx", None), ast.Load) \
                and id(node) not in allowed:
            found.append(Hatch(line, column, f"code that depends on `{name}` runs unchecked: mypy "
                                             "takes it as true, the interpreter as false"))
        elif isinstance(node, ast.Name) and node.id in _DYNAMIC_CODE and node.id not in bound:
            found.append(Hatch(line, column, f"`{node.id}` runs code from a string, out of mypy's sight"))
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            found.append(Hatch(line, column, "`__builtins__` reaches builtins out of mypy's sight"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = module_alias.get(node.value.id, node.value.id)
            if node.attr in _DYNAMIC_CODE and owner in _BUILTINS_MODULES:
                found.append(Hatch(line, column, f"`{node.attr}` runs code from a string, out of mypy's sight"))
            elif node.value.id in module_alias and node.attr in any_aliases(owner):
                found.append(Hatch(line, column, f"`{owner}.{node.attr}` is `Any` under another name"))
        elif isinstance(node, ast.Call) and _name_of(node.func) == "getattr" and len(node.args) >= 2 \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in _DYNAMIC_CODE:
            found.append(Hatch(line, column, f"`getattr(..., {node.args[1].value!r})` runs code from a "
                                             "string, out of mypy's sight"))
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                and node.slice.value in _DYNAMIC_CODE:
            found.append(Hatch(line, column, f"`[{node.slice.value!r}]` looks up a builtin that runs "
                                             "code from a string"))
    found.sort(key=lambda h: (h.line, h.column))
    return found
