"""What the analysis needs to know about a module before looking at flows.

Import aliases (to resolve call names), module-level constants (templates and allow-lists),
the functions and methods it defines, and which of them are entry points: the task's entry point
when the caller names one, every public top-level function, and the public methods and
constructors of public classes. Whether the module itself calls a function says nothing about who
else may: example calls (``if __name__ == "__main__": print(f(...))``) are analysed as code, never
taken as proof that ``f`` is internal. Private helpers (leading underscore) and nested functions
that the module calls get call-site summaries instead.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field

from realcode.analysis.security.cfg import returning_functions
from realcode.code.bindings import name_bound_by

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


# Dunder methods a caller reaches with its own arguments (the rest are called by Python itself
# with values the class controls: __eq__, __repr__, __getattr__...).
PUBLIC_DUNDERS = frozenset({"__init__", "__new__", "__call__", "__post_init__"})


@dataclass
class FunctionInfo:
    node: FunctionNode
    qualname: str  # "f", "Class.method", "outer.<locals>.inner"
    is_method: bool
    params: list[str]
    class_name: str | None = None  # the class a method is defined in
    nested: bool = False  # defined inside another function (a closure)
    public_scope: bool = True  # every enclosing class is public
    outer: FunctionInfo | None = None  # the function a closure is defined in
    declared_globals: frozenset[str] = frozenset()  # names under ``global`` in its body
    calls: frozenset[str] = frozenset()  # names it calls (functions, methods): summary dependencies
    own_names: frozenset[str] = frozenset()  # names it binds itself (not under ``global``)

    @property
    def name(self) -> str:
        return self.node.name

    @functools.cached_property
    def declared_nonlocals(self) -> frozenset[str]:
        """Names its own body declares ``nonlocal`` (not its nested functions')."""
        names: set[str] = set()
        todo = list(ast.iter_child_nodes(self.node))
        while todo:
            sub = todo.pop()
            if isinstance(sub, ast.Nonlocal):
                names.update(sub.names)
            elif not isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                todo.extend(ast.iter_child_nodes(sub))
        return frozenset(names)


@dataclass
class ModuleInfo:
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    constants: dict[str, ast.expr] = field(default_factory=dict)  # module names bound once to literals
    functions: list[FunctionInfo] = field(default_factory=list)
    by_name: dict[str, list[FunctionInfo]] = field(default_factory=dict)
    called: set[str] = field(default_factory=set)  # function names called somewhere in the module
    guarded_classes: set[str] = field(default_factory=set)  # classes defining __getattr__
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)  # every class, by name
    by_qualname: dict[str, FunctionInfo] = field(default_factory=dict)
    top_functions: set[str] = field(default_factory=set)  # functions defined at module level
    entry_points: frozenset[str] = frozenset()  # names the task says are called from outside
    # Functions a public module name is bound to (``find = _factory()``, ``api = _Api()``): callers
    # outside reach them under that name whatever their own (``export``).
    exported: set[str] = field(default_factory=set)
    returning: frozenset[str] = frozenset()  # its own functions named like abort()/fail() that return
    folded: dict[int, object] = field(default_factory=dict)  # constant conditions, by node id

    def qualname(self, expr: ast.expr) -> str | None:
        """``os.path.join`` for ``from os import path; path.join``; None for non-static receivers."""
        if isinstance(expr, ast.Name):
            return self.imports.get(expr.id, expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.qualname(expr.value)
            return f"{base}.{expr.attr}" if base is not None else None
        return None

    def captures_entry(self, info: FunctionInfo) -> bool:
        """A closure whose enclosing function is attacker-facing: what it captured is too."""
        outer = info.outer
        while outer is not None:
            if self.is_entry(outer):
                return True
            outer = outer.outer
        return False

    def is_entry(self, info: FunctionInfo) -> bool:
        """Whether a function's parameters come from outside the module (attacker-facing)."""
        if info.name in self.entry_points or info.qualname in self.entry_points or info.qualname in self.exported:
            return True
        if info.nested:
            return False  # a closure: its outer function decides; free variables carry the taint
        if info.name.startswith("__") and info.name.endswith("__"):
            return info.is_method and info.name in PUBLIC_DUNDERS and info.public_scope
        if info.name.startswith("_") or not info.public_scope:
            return info.name not in self.called  # private: internal when the module uses it
        return True


def exported_functions(module: ModuleInfo, bindings: dict[str, str | None]) -> set[str]:
    """The functions public module names are bound to, by the names' values (``ref``): a
    function or closure (``fn:``), or an instance of a class of the module (``obj:``), whose
    ``__call__`` and public methods then are reachable."""
    found: set[str] = set()
    for name, ref in bindings.items():
        if ref is None or (name.startswith("_") and name not in module.entry_points):
            continue
        if ref.startswith("fn:") and ref[3:] in module.by_qualname:
            found.add(ref[3:])
        elif ref.startswith("obj:") and ref[4:] in module.classes:
            found.update(f.qualname for f in module.functions if f.class_name == ref[4:] and (
                f.name == "__call__" or not f.name.startswith("_")))
    return found


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _is_literal(k) for k in node.keys) and all(_is_literal(v) for v in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
            "set", "frozenset", "tuple", "list", "dict"):
        return all(_is_literal(a) for a in node.args)
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left) and _is_literal(node.right)
    if isinstance(node, ast.Attribute) and node.attr == "sep":  # os.sep, os.path.sep
        return (isinstance(node.value, ast.Name) and node.value.id == "os") or (
            isinstance(node.value, ast.Attribute) and node.value.attr == "path")
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords and (
            node.func.id if isinstance(node.func, ast.Name) else
            node.func.attr if isinstance(node.func, ast.Attribute) else "") in ("Path", "PurePath", "PosixPath"):
        return _is_literal(node.args[0])  # Path("/srv/data")
    return False


def _params(node: FunctionNode, is_method: bool) -> list[str]:
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    if args.vararg:
        names.append(args.vararg.arg)
    if args.kwarg:
        names.append(args.kwarg.arg)
    is_static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if is_method and names and not is_static:
        names = names[1:]  # self / cls
    return names


def load_module(tree: ast.Module, entry_points: frozenset[str] = frozenset()) -> ModuleInfo:
    info = ModuleInfo(tree, entry_points=entry_points, returning=returning_functions(tree))
    assigned: dict[str, int] = {}
    for stmt in tree.body:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    assigned[name.id] = assigned.get(name.id, 0) + (2 if isinstance(stmt, ast.AugAssign) else 1)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and _is_literal(stmt.value):
            info.constants[stmt.targets[0].id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None \
                and _is_literal(stmt.value):
            info.constants[stmt.target.id] = stmt.value
    info.constants = {k: v for k, v in info.constants.items() if assigned.get(k) == 1}

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    info.imports[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    info.imports[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                info.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                info.called.add(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and (
                    func.value.id in ("self", "cls") or func.attr.startswith("_")):
                info.called.add(func.attr)  # self.f(), or a private method the module calls on an object
        if isinstance(node, ast.ClassDef):
            info.classes.setdefault(node.name, node)
        if isinstance(node, ast.ClassDef) and any(
                isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                and s.name in ("__getattr__", "__getattribute__") for s in node.body):
            info.guarded_classes.add(node.name)
    _collect_functions(info, tree.body, _Scope("", None, False, True))
    return info


def _body_facts(node: FunctionNode) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Names under ``global``, names it calls or reads (summary dependencies), and names it
    binds (locals, parameters, definitions, imports; nested functions' included), in one walk."""
    declared: set[str] = set()
    calls: set[str] = set()
    bound: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Global):
            declared.update(sub.names)
        elif isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name):
                calls.add(func.id)
            elif isinstance(func, ast.Attribute):
                calls.add(func.attr)
        elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            calls.add(sub.id)  # a function passed or aliased may be called through the alias
        elif (name := name_bound_by(sub)) is not None:
            bound.add(name)
    return frozenset(declared), frozenset(calls), frozenset(bound) - frozenset(declared)


@dataclass(frozen=True)
class _Scope:
    prefix: str
    class_name: str | None  # the class whose body this is
    nested: bool  # inside a function
    public: bool  # every enclosing class is public
    outer: FunctionInfo | None = None


def _collect_functions(info: ModuleInfo, body: list[ast.stmt], scope: _Scope) -> None:
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_class = scope.class_name is not None
            globals_, calls, own_names = _body_facts(stmt)
            fn = FunctionInfo(stmt, scope.prefix + stmt.name, in_class, _params(stmt, in_class),
                              class_name=scope.class_name, nested=scope.nested, public_scope=scope.public,
                              outer=scope.outer, declared_globals=globals_, calls=calls, own_names=own_names)
            info.functions.append(fn)
            info.by_name.setdefault(stmt.name, []).append(fn)
            info.by_qualname.setdefault(fn.qualname, fn)
            if not scope.prefix:
                info.top_functions.add(stmt.name)
            _collect_functions(info, stmt.body, _Scope(f"{scope.prefix}{stmt.name}.<locals>.", None, True,
                                                       scope.public, fn))
        elif isinstance(stmt, ast.ClassDef):
            _collect_functions(info, stmt.body, _Scope(f"{scope.prefix}{stmt.name}.", stmt.name, scope.nested,
                                                       scope.public and not stmt.name.startswith("_"), scope.outer))
        else:
            # Definitions nested in if/try/with/for blocks still define functions.
            for field_name in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field_name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    _collect_functions(info, inner, scope)
            for handler in getattr(stmt, "handlers", None) or []:
                if isinstance(handler, ast.ExceptHandler):
                    _collect_functions(info, handler.body, scope)
            for case in getattr(stmt, "cases", None) or []:
                _collect_functions(info, case.body, scope)
