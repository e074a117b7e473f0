"""Semantics-preserving rewrites of a program, to test that security verdicts do not depend on form.

Each rewrite takes program text and returns equivalent text (or None when it does not apply):

- ``example_main``: append ``if __name__ == "__main__":`` calling every public top-level function
  with example arguments, as models do unprompted;
- ``alias_callees``: bind each callee to a fresh name just before its statement and call that
  (``_f0 = conn.execute`` ... ``_f0(sql)``);
- ``lambda_wrap``: call through an immediately applied lambda, ``(lambda *a, **k: f(*a, **k))(x)``;
- ``helper_wrap``: call through a one-line module helper, ``_invoke(f, x)``;
- ``rename``: rename the program's own functions, classes and variables consistently, keeping the
  words of each name (``reset_token`` -> ``reset_token_3``); parameters, methods, attributes and
  imported names keep theirs, being the program's interface.

The rewrites work on the AST and print it with ``ast.unparse`` (comments are dropped, which is also
semantics-preserving).
"""

from __future__ import annotations

import ast
import builtins
import copy
from collections.abc import Callable

Rewrite = Callable[[str], "str | None"]
_FRAME_BOUND = frozenset({"super", "locals", "vars", "globals", "dir", "eval", "exec"})  # read the caller's frame
_KEEP_NAMES = frozenset({"app", "application", "urlpatterns", "lambda_handler", "__all__", "main"})


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _unparse(tree: ast.Module) -> str | None:
    try:
        return ast.unparse(ast.fix_missing_locations(tree)) + "\n"
    except (RecursionError, ValueError):
        return None


# --- example __main__ block ----------------------------------------------------------------------

_EXAMPLES: dict[str, ast.expr] = {
    "int": ast.Constant(1), "float": ast.Constant(1.5), "bool": ast.Constant(True),
    "bytes": ast.Constant(b"example"), "list": ast.List([], ast.Load()), "dict": ast.Dict([], []),
}


def _example_argument(arg: ast.arg) -> ast.expr:
    annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
    base = annotation.split("[", 1)[0].rsplit(".", 1)[-1].lower()
    return copy.deepcopy(_EXAMPLES.get(base, ast.Constant("example")))


def _example_call(func: ast.expr, node: ast.FunctionDef | ast.AsyncFunctionDef, skip: int = 0) -> ast.Call:
    positional = (node.args.posonlyargs + node.args.args)[skip:]
    required = positional[:max(0, len(positional) - len(node.args.defaults))]
    keywords = [ast.keyword(a.arg, _example_argument(a))
                for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True) if d is None]
    return ast.Call(func, [_example_argument(a) for a in required], keywords)


def _printed(call: ast.expr) -> ast.stmt:
    return ast.Expr(ast.Call(ast.Name("print", ast.Load()), [call], []))


def example_main(source: str) -> str | None:
    """Call each public function, and each public method of an instance of each public class."""
    tree = _parse(source)
    if tree is None:
        return None
    calls: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            calls.append(_printed(_example_call(ast.Name(node.name, ast.Load()), node)))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            methods = {m.name: m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
            init = methods.get("__init__")
            make = (_example_call(ast.Name(node.name, ast.Load()), init, skip=1) if init
                    else ast.Call(ast.Name(node.name, ast.Load()), [], []))
            instance = f"_example_{node.name.lower()}"
            calls.append(ast.Assign([ast.Name(instance, ast.Store())], make, lineno=0))
            for name, method in methods.items():
                if name.startswith("_") or any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
                                               for d in method.decorator_list):
                    continue
                bound = ast.Attribute(ast.Name(instance, ast.Load()), name, ast.Load())
                calls.append(_printed(_example_call(bound, method, skip=1)))
    if not calls:
        return None
    test = ast.Compare(ast.Name("__name__", ast.Load()), [ast.Eq()], [ast.Constant("__main__")])
    tree.body.append(ast.If(test, calls, []))
    return _unparse(tree)


# --- calls through aliases, lambdas and helpers --------------------------------------------------

def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _rewritable(call: ast.Call) -> bool:
    """Plain callees (``f``, ``a.b.c``) that do not read their caller's frame."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id not in _FRAME_BOUND
    return isinstance(func, ast.Attribute) and _root_name(func) is not None


class _Deferred(ast.NodeVisitor):
    """Calls evaluated exactly once, in order, whenever their statement runs: not inside lambdas,
    comprehensions, conditional operands, nested definitions or loop tests."""

    def __init__(self) -> None:
        self.calls: list[ast.Call] = []

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if _rewritable(node):
            self.calls.append(node)

    def _skip(self, node: ast.AST) -> None:
        return None

    visit_Lambda = visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _skip
    visit_IfExp = visit_BoolOp = visit_NamedExpr = _skip


def _statement_calls(stmt: ast.stmt) -> list[ast.Call]:
    """Calls of the statement's own expressions (not of the statements nested in it)."""
    finder = _Deferred()
    if isinstance(stmt, (ast.Expr, ast.Return, ast.Assign, ast.AnnAssign, ast.AugAssign)):
        if stmt.value is not None and not isinstance(stmt, ast.AugAssign):
            finder.visit(stmt.value)
    elif isinstance(stmt, ast.If):
        finder.visit(stmt.test)
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        finder.visit(stmt.iter)
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            finder.visit(item.context_expr)
    return finder.calls


class _Aliaser:
    def __init__(self) -> None:
        self.count = 0

    def body(self, stmts: list[ast.stmt], in_class: bool = False) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for stmt in stmts:
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    setattr(stmt, field, self.body(inner, isinstance(stmt, ast.ClassDef)))
            if isinstance(stmt, ast.Try):
                for handler in stmt.handlers:
                    handler.body = self.body(handler.body)
            if not in_class:  # class bodies: a fresh name would become a class attribute
                for call in _statement_calls(stmt):
                    name = f"_f{self.count}"
                    self.count += 1
                    out.append(ast.Assign([ast.Name(name, ast.Store())], call.func, lineno=0))
                    call.func = ast.Name(name, ast.Load())
            out.append(stmt)
        return out


def alias_callees(source: str) -> str | None:
    tree = _parse(source)
    if tree is None:
        return None
    aliaser = _Aliaser()
    tree.body = aliaser.body(tree.body)
    return _unparse(tree) if aliaser.count else None


class _Wrapper(ast.NodeTransformer):
    def __init__(self, helper: str | None) -> None:
        self.helper = helper
        self.count = 0
        self.class_depth = 0

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        # methods are rewritten; statements of the class body itself are not (a lambda there
        # cannot see the class's names)
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.body = [self.visit(s) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     else s for s in node.body]
        return node

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        # decorators stay as written: nobody wraps `@app.route(...)` in a lambda
        node.args = self.visit(node.args)
        node.body = [self.visit(s) for s in node.body]
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        if not _rewritable(node):
            return node
        self.count += 1
        if self.helper:
            return ast.Call(ast.Name(self.helper, ast.Load()), [node.func, *node.args], node.keywords)
        inner = ast.Call(node.func, [ast.Starred(ast.Name("_wa", ast.Load()), ast.Load())],
                         [ast.keyword(None, ast.Name("_wk", ast.Load()))])
        wrapper = ast.Lambda(ast.arguments([], [], ast.arg("_wa"), [], [], ast.arg("_wk"), []), inner)
        return ast.Call(wrapper, node.args, node.keywords)


def lambda_wrap(source: str) -> str | None:
    tree = _parse(source)
    if tree is None:
        return None
    wrapper = _Wrapper(None)
    tree = wrapper.visit(tree)
    return _unparse(tree) if wrapper.count else None


def helper_wrap(source: str) -> str | None:
    tree = _parse(source)
    if tree is None:
        return None
    wrapper = _Wrapper("_invoke")
    tree = wrapper.visit(tree)
    if not wrapper.count:
        return None
    helper = ast.parse("def _invoke(fn, /, *args, **kwargs):\n    return fn(*args, **kwargs)\n").body[0]
    at = 0
    while at < len(tree.body) and ((isinstance(tree.body[at], ast.ImportFrom)
                                    and tree.body[at].module == "__future__") or _is_docstring(tree.body[at])):
        at += 1
    tree.body.insert(at, helper)
    return _unparse(tree)


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


# --- consistent renaming -------------------------------------------------------------------------

def rename(source: str, keep: frozenset[str] = frozenset()) -> str | None:
    """Rename the program's own names, keeping their words; ``keep`` names are an interface
    (a task's entry point) and stay."""
    tree = _parse(source)
    if tree is None:
        return None
    fixed = set(keep) | _KEEP_NAMES | set(dir(builtins)) | {"self", "cls"}
    own: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arguments):
            fixed |= {a.arg for a in (*node.posonlyargs, *node.args, *node.kwonlyargs)}
            fixed |= {a.arg for a in (node.vararg, node.kwarg) if a is not None}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            fixed |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ClassDef):
            fixed |= {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
            fixed |= {t.id for s in node.body if isinstance(s, (ast.Assign, ast.AnnAssign))
                      for t in (s.targets if isinstance(s, ast.Assign) else [s.target]) if isinstance(t, ast.Name)}
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            pass
        name = None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            name = node.id
        if name and name not in own:
            own.append(name)
    mapping = {n: f"{n}_{i}" for i, n in enumerate(own) if n not in fixed and not n.startswith("__")}
    if not mapping:
        return None
    tree = _Renamer(mapping).visit(tree)
    return _unparse(tree)


class _Renamer(ast.NodeTransformer):
    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self.mapping.get(node.id, node.id)
        return node

    def _named(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.AST:
        node.name = self.mapping.get(node.name, node.name)
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _named

    def visit_Global(self, node: ast.Global) -> ast.Global:
        node.names = [self.mapping.get(n, n) for n in node.names]
        return node

    def visit_Nonlocal(self, node: ast.Nonlocal) -> ast.Nonlocal:
        node.names = [self.mapping.get(n, n) for n in node.names]
        return node


REWRITES: dict[str, Rewrite] = {
    "example_main": example_main,
    "alias_callees": alias_callees,
    "lambda_wrap": lambda_wrap,
    "helper_wrap": helper_wrap,
    "rename": rename,
}
