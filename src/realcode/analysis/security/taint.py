"""Flow-sensitive taint propagation over the CFG of each function, with local-call summaries.

Each function is analysed on its own CFG to a fixed point. Its parameters carry origin
``param:<name>``; real sources (``input()``, request data, ``sys.argv``...) carry ``source``.
Sink hits from sources are reported where they happen; hits from parameters are reported directly
for entry points (functions the module never calls: their arguments come from outside) and, for
helpers, at each call site whose argument is tainted — a context-insensitive summary.
"""

from __future__ import annotations

import ast
import os
import re
import string
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from realcode.analysis.finding import TraceStep
from realcode.analysis.security import specs
from realcode.analysis.security.cfg import CFG, Condition, LoopCheck, build_cfg, never_returns
from realcode.analysis.security.context import Shared
from realcode.analysis.security.folding import fold
from realcode.analysis.security.module import FunctionInfo, ModuleInfo
from realcode.analysis.security.regex import (
    allow_list_kinds,
    flags_of,
    inline_flags,
    kinds_safe_with,
    redos_problem,
)
from realcode.analysis.security.secrets import (
    _forwarding_helper,  # the shape the secret checks see through
)
from realcode.analysis.security.values import (
    CLEAN,
    CLI,
    REAL_SOURCES,
    SOURCE,
    State,
    Value,
    constant,
    join,
    join_all,
    join_states,
    same_state,
    strip_constant,
    tainted,
    unsafe,
)

MAX_VISITS = 40  # per node; loops over our finite lattice settle far sooner
MAX_LAMBDA_DEPTH = 4  # lambdas calling lambdas: deeper ones are treated as unknown calls
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "csh", "fish", "cmd", "cmd.exe", "powershell", "pwsh"})
BUILTIN_CALLABLES = frozenset({"input", "eval", "exec", "compile", "open", "getattr", "setattr", "print",
                               "__import__", "raw_input"})


@dataclass(frozen=True)
class Hit:
    """Tainted data reaching a sink (or, for an entry function, leaving it as a returned string)."""

    kind: str
    line: int
    column: int
    origins: frozenset[str]
    safe: frozenset[str]
    trace: tuple[TraceStep, ...]
    sink: str  # what interpreted the data, for the message
    # What reaches a path sink is a path, or the base directory a checked path was confined to,
    # that the caller chose as a whole: a finding only where it holds data from outside (``SOURCE``).
    caller_path: bool = False
    # A path checked to lie under a base the caller hands in (the base's parameters): no finding
    # where the caller's base is trusted, the path's own taint where it confines nothing.
    confined_by: frozenset[str] = frozenset()


@dataclass
class Summary:
    returns: Value = CLEAN  # origins name the parameters that flow to the return value
    hits: list[Hit] = field(default_factory=list)
    # What it puts into module stores (globals, containers, files) from its parameters: written
    # at each call, in terms of that call's arguments (a helper called with constants fills none).
    stores: State = field(default_factory=dict)
    # A predicate: parameter -> (kinds, confining base parameters) it is safe for wherever the
    # function returned something truthy (``if not _is_within(BASE, p): abort()``).
    guards: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    # A validator: the same, once the call returns at all (it raised otherwise).
    ensures: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)


@dataclass
class _Target:
    """What a call calls, once aliases, attributes and bound arguments are seen through."""

    name: str | None  # qualified name (``os.system``, ``dbapi.Cursor.execute``), None if unknown
    method: str | None  # the method name for a call on a receiver
    receiver: Value
    local: FunctionInfo | None = None
    local_class: str | None = None
    lambda_node: ast.Lambda | None = None
    bound: tuple[Value, ...] = ()
    bound_keywords: frozenset[str] = frozenset()
    kind: str = "unknown"  # receiver: typed (known type), module (an import path), unknown, local
    drop_first: bool = False  # methodcaller: the first argument is the receiver


_MARKUP = "obj:markupsafe.Markup"
FILES = "<files>"  # pseudo-globals (one per path) holding what the program wrote to files
DATABASE = "<table>"  # pseudo-globals (one per table) holding what the program stored in a database
ARGUMENT = "<argument>"  # summary effect: what a function put into the container a parameter holds
# Functions that put their other arguments into their first (a heap, a sorted list, a mapping).
_ARGUMENT_FILLERS = frozenset({"heapq.heappush", "heapq.heappushpop", "heapq.heapreplace", "bisect.insort",
                               "bisect.insort_left", "bisect.insort_right", "operator.setitem",
                               "operator.iadd", "operator.iconcat", "dict.update", "list.append",
                               "list.extend", "list.insert", "set.add", "dict.setdefault"})
_SQL_WRITE = re.compile(r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?)\s+"
                        r"[\"`\[]?(\w+)", re.IGNORECASE)
_SQL_READ = re.compile(r"\s*(?:SELECT|WITH)\b", re.IGNORECASE)
_SQL_TABLES = re.compile(r"\b(?:FROM|JOIN)\s+[\"`\[]?(\w+)", re.IGNORECASE)
_FILE_WRITE_METHODS = frozenset({"write", "writelines", "write_text", "write_bytes"})
_FILE_DUMPERS = frozenset({"json.dump", "pickle.dump", "marshal.dump", "yaml.dump", "yaml.safe_dump",
                           "toml.dump", "csv.writer.writerow"})
_FILE_OPENERS = frozenset({"open", "builtins.open", "io.open", "os.fdopen", "codecs.open", "os.read"})
_FILE_READ_METHODS = frozenset({"read_text", "read_bytes"})
_PATH_MAKERS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
_PATH_CONSTANTS = {f"{module}.{name}": text for module in ("os", "os.path", "posixpath")
                   for name, text in (("sep", "/"), ("pardir", ".."))}
_TYPE_NAMES = frozenset({*specs.RETURNS.values(), *specs.ANNOTATIONS.values(), "dict"})
_TAINT_KEEPING_TYPES = frozenset({"tarfile.TarFile", "pickle.Unpickler"})
_REGEX_CALLS = frozenset({"re.compile", "re.match", "re.search", "re.fullmatch", "re.findall", "re.finditer",
                          "re.sub", "re.subn", "re.split"})


def _const_value(module: ModuleInfo, node: ast.expr) -> Value:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return constant(node.value)
    if isinstance(node, ast.Constant):
        return CLEAN
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _const_value(module, node.left), _const_value(module, node.right)
        if left.text is not None and right.text is not None:
            return constant(left.text + right.text)
        return CLEAN
    if (dotted := module.qualname(node)) in _PATH_CONSTANTS:
        return constant(_PATH_CONSTANTS[dotted])
    if isinstance(node, ast.Call) and module.qualname(node.func) in _PATH_MAKERS and len(node.args) == 1 and \
            not node.keywords and (named := _const_value(module, node.args[0])).text is not None:
        return named  # Path("/srv"): the path it names
    return constant(items=_string_items(node))


def _string_items(node: ast.expr) -> frozenset[str] | None:
    """The strings of a literal collection (``["sha256", "sha512"]``, ``{"a": 1}`` keys)."""
    if isinstance(node, ast.Call) and node.args:
        return _string_items(node.args[0])
    elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
    if elements is None:
        return None
    out = []
    for element in elements:
        if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
            return None
        out.append(element.value)
    return frozenset(out)


class FunctionAnalysis:
    """One run of the analysis over one body (a function, or the module's top level)."""

    def __init__(self, module: ModuleInfo, body: list[ast.stmt], params: Iterable[str],
                 summaries: dict[str, Summary], globals_: State, is_entry: bool,
                 function: FunctionInfo | None = None, shared: Shared | None = None,
                 previous: Shared | None = None) -> None:
        self.module = module
        self.body = body
        self.summaries = summaries
        self.globals = globals_
        self.is_entry = is_entry
        self.function = function
        self.shared = shared or Shared()  # written by this round
        self.previous = previous or self.shared  # read: what the last round learned
        line = function.node.lineno if function else 1
        self.view = _view_kind(module, function) if function else None
        self.initial: State = {}
        if function is not None:
            self.initial.update(self.previous.closures.get(function.qualname, {}))
        for name in params:
            if self.view is not None and (self.view != "django" or name == "request" or self.is_entry):
                value = tainted(SOURCE, line, f"parameter '{name}' of a web view comes from the request")
            elif function is not None and _cli_command(module, function):
                value = tainted(CLI, line, f"parameter '{name}' of a command comes from the command line")
            else:
                value = tainted(f"param:{name}", line, f"parameter '{name}' comes from the caller")
            annotated = _annotation_type(module, function, name) if function else None
            if annotated == "source":
                value = tainted(SOURCE, line, f"parameter '{name}' is the request")
            elif annotated is not None:
                value = replace(value, ref=annotated)
            self.initial[name] = value
        self.declared_globals = function.declared_globals if function is not None else frozenset()
        self.declared_nonlocals = function.declared_nonlocals if function is not None else frozenset()
        # Names this function binds itself: any other name it fills (``CACHE[k] = v``) is the module's.
        self.own_names = function.own_names if function is not None else None
        self.hits: list[Hit] = []
        self.returns: Value = CLEAN
        self.returned = False  # a return statement seen (what it returned is kept whole)
        self.stores: State = {}  # module stores filled from parameters (Summary.stores)
        self.raised: Value = CLEAN
        self.reporting = False
        self.final_state: State = {}
        self.slotted: set[str] = set()  # names with per-key or per-attribute entries in the state
        # Names that may hold the same container or object (``cmd = parts``, ``for row in rows``,
        # ``item = d[k]``), whatever the path: data put into one is in the others.
        self.aliases: dict[str, set[str]] = {}
        self._facts: tuple[frozenset[str], dict[str, list[ast.expr]]] | None = None
        self._lambda_depth = 0
        self._truthy_returns: list[State] | None = []  # states where it returns something truthy
        self.guards: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.ensures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        if function is not None and function.class_name is not None:
            self._seed_fields(function)

    # --- driver ---------------------------------------------------------------------------------

    def run(self) -> None:
        cfg = build_cfg(self.body, self.module.returning)
        blocks = _basic_blocks(cfg)
        states = self._fixed_point(cfg, blocks)
        self.reporting = True
        post_init = self._is_post_init()
        into_exit = cfg.predecessors()[cfg.exit] if self.function is not None else []
        completed: State | None = None  # the state where the body ends without raising
        for start, block in blocks.items():
            entry_state = states.get(start)
            if entry_state is None:
                continue
            state = dict(entry_state)
            self.shared.budget.spend(len(block) + len(state))
            for index in block:
                node = cfg.nodes[index]
                if node.ast_node is not None:
                    self._transfer(node.kind, node.ast_node, state)
                for edge in into_exit:
                    if edge.source == index and not _raises(node.ast_node, self.module.returning):
                        flowed = self._along(state, edge.condition, edge.loop_check)
                        completed = join_states(completed, flowed) if flowed is not None else completed
        self.reporting = False
        self.final_state = states.get(cfg.exit) or {}
        if post_init:  # what it proved of the fields holds for every instance it let through
            assert self.function is not None and self.function.class_name is not None
            self.shared.field_checks[self.function.class_name] = {
                key[5:]: value.safe if value.tainted else specs.ALL_KINDS
                for key, value in (completed or {}).items()
                if key.startswith("self.") and (value.safe or not value.tainted)}
        if self.function is not None:
            self._summarize_checks(self.function, completed)

    def _note_truthy_return(self, returned: ast.expr | None, state: State) -> None:
        """A predicate's return: ``return True`` (as things stand), ``return <test>`` (with the
        test holding); ``return False``/``None`` says nothing; any other value: no predicate."""
        assert self._truthy_returns is not None
        if returned is None or (isinstance(returned, ast.Constant) and not returned.value):
            return
        if isinstance(returned, ast.Constant) and returned.value is True:
            self._truthy_returns.append(dict(state))
        elif isinstance(returned, (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Call)):
            held = dict(state)
            self._refine(held, returned, True)
            self._truthy_returns.append(held)
        else:
            self._truthy_returns = None

    def _summarize_checks(self, function: FunctionInfo, completed: State | None) -> None:
        """What the function proves of its parameters: where it returns something truthy (a
        predicate), and wherever it returns at all (a validator that raises otherwise). A
        parameter it rebinds proves nothing about the caller's value."""
        rebound = {node.id for node in ast.walk(function.node)
                   if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
        checked = [p for p in function.params if p not in rebound]

        def proved(held: Value | None, param: str) -> frozenset[str]:
            if held is None:
                return frozenset()
            if not held.tainted:
                return specs.ALL_KINDS  # checked entirely (it is a parameter, never rebound)
            return held.safe if f"param:{param}" in held.origins else frozenset()

        def summed(states: list[State], param: str) -> tuple[frozenset[str], frozenset[str]] | None:
            kinds = frozenset.intersection(*(proved(state.get(param), param) for state in states))
            confined = frozenset().union(*(state[param].confined_by for state in states
                                           if param in state and state[param].tainted))
            return (kinds, confined if "path" in kinds else frozenset()) if kinds else None

        for param in checked:
            if completed is not None and (ensured := summed([completed], param)):
                self.ensures[param] = ensured
            if self._truthy_returns and (guarded := summed(self._truthy_returns, param)):
                self.guards[param] = guarded

    def report_exported_lambdas(self) -> None:
        """Module level: a lambda bound to a public name (``find = lambda name: ...``) is
        called from outside with the caller's arguments; its body is judged so."""
        self.reporting = True
        for name, value in list(self.final_state.items()):
            if not (value.ref or "").startswith("lambda:") or (
                    name.startswith("_") and name not in self.module.entry_points):
                continue
            node = self.shared.lambdas.get(int((value.ref or "")[7:]))
            if node is not None:
                params = [tainted(f"param:{a.arg}", node.lineno, f"parameter '{a.arg}' comes from the caller")
                          for a in _lambda_params(node)]
                result = self._call_lambda(node, params, {}, dict(self.final_state))
                # what it returns goes to its caller, as an entry point's return value does
                self._check_output(result, ast.copy_location(ast.Return(value=node.body), node))
        self.reporting = False

    def _fixed_point(self, cfg: CFG, blocks: dict[int, list[int]]) -> dict[int, State]:
        """In-states of each basic block (a chain of statements without branches or joins): one
        state per block, not per statement, keeps long straight-line code linear in time and memory."""
        preds = cfg.predecessors()
        succs = cfg.successors()
        last = {start: block[-1] for start, block in blocks.items()}
        ins: dict[int, State] = {cfg.entry: dict(self.initial)}
        outs: dict[int, State] = {}  # by the block's last node
        visits: dict[int, int] = {}
        work = deque([cfg.entry])
        queued = {cfg.entry}
        while work:
            start = work.popleft()
            queued.discard(start)
            if start != cfg.entry:
                merged: State | None = None
                for edge in preds[start]:
                    out = outs.get(edge.source)
                    if out is None:
                        continue
                    flowed = self._along(out, edge.condition, edge.loop_check)
                    if flowed is not None:  # None: the condition is constant and goes the other way
                        merged = join_states(merged, flowed)
                if merged is None:
                    continue
                ins[start] = merged
            block = blocks[start]
            self.shared.budget.spend(len(block) + 2 * len(ins[start]))
            state = dict(ins[start])
            for index in block:
                node = cfg.nodes[index]
                if node.ast_node is not None:
                    self._transfer(node.kind, node.ast_node, state)
            end = last[start]
            visits[start] = visits.get(start, 0) + 1
            if end in outs and same_state(outs[end], state):
                continue
            if visits[start] == MAX_VISITS:  # not settled yet: what still moves may reach any of it
                state = _widened(state, outs.get(end))
            outs[end] = state
            if visits[start] > MAX_VISITS + 2:
                continue
            for edge in succs[end]:
                if edge.target not in queued and edge.target in blocks:
                    work.append(edge.target)
                    queued.add(edge.target)
        return ins

    def _fold(self, test: ast.expr) -> object | None:
        cache = self.module.folded
        if id(test) not in cache:
            cache[id(test)] = fold(test, self.module.constants)
        return cache[id(test)]

    def _along(self, state: State, condition: Condition | None, loop_check: LoopCheck | None) -> State | None:
        if condition is None and loop_check is None:
            return state
        if condition is not None:
            known = self._fold(condition.test)
            if known is not None and bool(known) != condition.holds:
                return None
        state = dict(state)
        if condition is not None:
            self._refine(state, condition.test, condition.holds)
        if loop_check is not None:
            self._refine_loop(state, loop_check)
        return state

    # --- statements -----------------------------------------------------------------------------

    def _transfer(self, kind: str, node: ast.AST, state: State) -> None:
        if kind == "test":
            assert isinstance(node, (ast.If, ast.While))
            self.eval(node.test, state)
        elif kind == "for":
            assert isinstance(node, (ast.For, ast.AsyncFor))
            iterable = self.eval(node.iter, state)
            self._assign(node.target, _element(node.iter, iterable).step(node.lineno, "loop variable"), state)
            self._alias(node.target, node.iter)  # an element of the iterable: filling it fills that
        elif kind == "with":
            assert isinstance(node, (ast.With, ast.AsyncWith))
            for item in node.items:
                value = self.eval(item.context_expr, state)
                if item.optional_vars is not None:
                    kept = value.ref if value.ref and value.ref.startswith("obj:") else None
                    self._assign(item.optional_vars, replace(strip_constant(value), ref=kept), state)
        elif kind == "except":
            assert isinstance(node, ast.ExceptHandler)
            if node.name:  # what this function raised may be caught here, message and all
                state[node.name] = strip_constant(self.raised)
        elif kind == "stmt":
            assert isinstance(node, ast.stmt)
            self._statement(node, state)

    def _statement(self, stmt: ast.stmt, state: State) -> None:
        if isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value, state)
            for target in stmt.targets:
                self._assign(target, value, state)
                self._alias(target, stmt.value)
            if isinstance(stmt.value, ast.Dict) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self._track_entries(stmt.targets[0].id, stmt.value, state)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self._assign(stmt.target, self.eval(stmt.value, state), state)
        elif isinstance(stmt, ast.AugAssign):
            current = self.eval(stmt.target, state)
            value = self._build_text([stmt.target, stmt.value], [current, self.eval(stmt.value, state)],
                                     stmt.lineno)
            self._assign(stmt.target, value, state)
        elif isinstance(stmt, ast.Expr):
            self.eval(stmt.value, state)
        elif isinstance(stmt, ast.Return):
            value = self.eval(stmt.value, state) if stmt.value is not None else CLEAN
            if self.reporting and self._truthy_returns is not None:
                self._note_truthy_return(stmt.value, state)
            if self.reporting:
                if self.returned and (self.returns.tainted or value.tainted):
                    self.returns = join(self.returns, value)
                else:
                    self.returns = value
                self.returned = True
                self._check_output(value, stmt)
        elif isinstance(stmt, ast.Raise):
            if stmt.exc is not None:
                raised = self.eval(stmt.exc, state)
                if raised.tainted:
                    self.raised = join(self.raised, strip_constant(raised)) if self.raised.tainted else raised
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    state.pop(target.id, None)
        elif isinstance(stmt, ast.Assert):
            self.eval(stmt.test, state)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            qualname = f"{self.function.qualname}.<locals>.{stmt.name}" if self.function else stmt.name
            if self.function is not None:  # a closure sees the variables of its definition
                self.shared.capture(qualname, state)
            defaults = self._defaults(stmt.args, state)
            if defaults:
                self.shared.defaults[qualname] = defaults
            state[stmt.name] = Value(ref=f"fn:{qualname}")
            # What its closures assign under ``nonlocal`` (last round) may be here from now on.
            if self.function is not None:
                for name, written in self.previous.nonlocal_writes.get(self.function.qualname, {}).items():
                    state[name] = join(state[name], written) if name in state else written
        elif isinstance(stmt, ast.ClassDef):
            # A class's own fields hold what its body assigned them (``class B: v = name``).
            held = [self.eval(item.value, state) for item in stmt.body
                    if isinstance(item, (ast.Assign, ast.AnnAssign)) and item.value is not None]
            carried = strip_constant(join_all(held)) if any(v.tainted for v in held) else CLEAN
            state[stmt.name] = replace(carried, ref=f"class:{stmt.name}")
        elif isinstance(stmt, ast.Global | ast.Nonlocal | ast.Pass | ast.Import | ast.ImportFrom):
            return

    def _assign(self, target: ast.expr, value: Value, state: State) -> None:
        if isinstance(target, ast.Name):
            self._forget_slots(target.id, state)
            state[target.id] = value
            if target.id in self.declared_globals:
                self._store(target.id, value)
            if target.id in self.declared_nonlocals and self.function is not None and self.function.outer is not None:
                self.shared.write_nonlocal(self.function.outer.qualname, target.id, value)
            if isinstance(value.ref, str) and value.ref == "obj:dict":  # a fresh dict: entries tracked
                self.slotted.add(target.id)
                state[f"{target.id}[?]"] = CLEAN
        elif isinstance(target, (ast.Tuple, ast.List)):
            if value.elements is not None and len(value.elements) == len(target.elts) and not any(
                    isinstance(item, ast.Starred) for item in target.elts):
                for item, part in zip(target.elts, value.elements, strict=True):
                    self._assign(item, part, state)  # a, b = x, y: each its own item
                return
            element = strip_constant(value)
            for item in target.elts:
                self._assign(item.value if isinstance(item, ast.Starred) else item, element, state)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                target.value.id in ("self", "cls") and self.function is not None:
            # A field: tracked per attribute, and shared with the class's other methods.
            state[f"self.{target.attr}"] = value
            self.slotted.add("self")
            if self.function.class_name is not None:
                self._write_field(self.function.class_name, target.attr, value, self._constructing())
        elif isinstance(target, ast.Subscript) and (self._header_target(target) is not None or (
                isinstance(target.value, ast.Name) and
                self.eval(target.value, state, quiet=True).ref == "obj:http.Response")):
            self._check_header(target, value, state)  # response.headers[k] = v, or Django's response[k] = v
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and \
                f"{target.value.id}[?]" in state:
            name = target.value.id
            key_value = self.eval(target.slice, state, quiet=True)
            key = key_value.text
            slot = f"{name}[{key}]" if key is not None else f"{name}[?]"
            state[slot] = value if key is not None else join(state[slot], strip_constant(value))
            put = _with_key(value, key_value)
            state[name] = _unchecked_keys(join(state.get(name, CLEAN), strip_constant(put)))
            self._fill_module_name(name, put)
            self._fill_aliases(name, put, state, key)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            base = target.value
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            key_value = self.eval(target.slice, state, quiet=True) if isinstance(target, ast.Subscript) else CLEAN
            put = _with_key(value, key_value)  # d[k] = v: iterating d gives k
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                owner = self.eval(target.value, state, quiet=True).ref or ""
                if owner.startswith("obj:") and owner[4:] in self.module.classes:
                    # obj.x = v on an object of the program's own class: its methods read it
                    self._write_field(owner[4:], target.attr, value, constructing=False)
            if isinstance(base, ast.Name) and (base.id in state or put.tainted):
                # A container or object that holds tainted data is tainted as a whole.
                key = key_value.text if isinstance(target.value, ast.Name) else None
                self._fill(target.value, put, state, key)
        elif isinstance(target, ast.Starred):
            self._assign(target.value, value, state)

    def _write_field(self, class_name: str, attr: str, value: Value, constructing: bool) -> None:
        """A field of the class's objects holds ``value`` too; set after construction, what
        ``__post_init__`` proved of it no longer holds."""
        self.shared.write_field(class_name, attr, value)
        if not constructing:
            self.shared.rewritten.setdefault(class_name, set()).add(attr)

    def _constructing(self) -> bool:
        return self.function is not None and self.function.name in ("__init__", "__post_init__", "__new__")

    def _defaults(self, args: ast.arguments, state: State) -> State:
        """Parameter defaults, evaluated where the function is defined (``def g(x=name)``)."""
        positional = [*args.posonlyargs, *args.args]
        pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True),
                 *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None)]
        values = {a.arg: self.eval(d, state) for a, d in pairs}
        return {name: value for name, value in values.items() if value.tainted}

    def _alias(self, target: ast.expr, source: ast.expr) -> None:
        """``x = y``, ``x = y[k]``, ``for x in y``: x may be (part of) what y holds."""
        if not isinstance(target, ast.Name):
            return
        root = _root_name(source)
        if root is None or root == target.id:
            return
        self.aliases.setdefault(target.id, set()).add(root)
        self.aliases.setdefault(root, set()).add(target.id)

    def _fill(self, container: ast.expr, value: Value, state: State, key: str | None = None) -> None:
        """Data put into a container or object (``c.append(v)``, ``c[k] = v``, ``c.x = v``, a
        callee filling its argument): the container is tainted as a whole, and so are the fields
        and names that may hold it (``self.opts`` for ``self.opts[k] = v``, aliases)."""
        root = _root_name(container)
        if root is None or not value.tainted:
            return
        data = strip_constant(value)
        field = _self_field(container)
        if field is not None and self.function is not None:
            slot = f"self.{field}"
            held = state[slot] if slot in state else self._eval(_self_attribute(field), state)
            state[slot] = replace(join(held, data), ref=held.ref)  # a typed object stays that type
            self.slotted.add("self")
            if self.function.class_name is not None:
                self._write_field(self.function.class_name, field, data, self._constructing())
        self._fill_name(root, data, state, key)
        self._fill_aliases(root, data, state, key)

    def _fill_name(self, name: str, data: Value, state: State, key: str | None) -> None:
        """``name`` holds ``data`` now too: the whole (its type kept), the entries the fill may
        have written, and the module's store when the name is the module's."""
        current = state.get(name, self._global(name))
        state[name] = _unchecked_keys(replace(join(strip_constant(current), data), ref=current.ref))
        self._fill_entries(name, data, state, key)
        self._fill_module_name(name, data)

    def _fill_entries(self, name: str, value: Value, state: State, key: str | None) -> None:
        """The tracked entries of ``name`` a fill may have written: the one under ``key``, or any."""
        if key is not None and f"{name}[?]" in state:
            slot = f"{name}[{key}]"
            state[slot] = join(state[slot], value) if slot in state else join(state[f"{name}[?]"], value)
            return
        for slot in [k for k in state if k.startswith(f"{name}[")]:
            state[slot] = join(state[slot], value)

    def _fill_aliases(self, name: str, value: Value, state: State, key: str | None = None) -> None:
        seen, todo = {name}, [name]
        while todo:
            for other in self.aliases.get(todo.pop(), ()):
                if other in seen:
                    continue
                seen.add(other)
                todo.append(other)
                if other in state or self.own_names is None or other not in self.own_names:
                    self._fill_name(other, strip_constant(value), state, key)

    def _fill_module_name(self, name: str, value: Value) -> None:
        """A function that puts data into a container or object of the module's (``CACHE[k] = v``,
        ``REGISTRY.append(v)``, ``setattr(CONFIG, "q", v)``): every reader of that name sees it.
        Into one its caller passed (a parameter): a summary effect, filling the caller's argument."""
        if not value.tainted or self.own_names is None:
            return
        if name not in self.own_names:
            self._store(name, strip_constant(value))
        elif self.function is not None and name in self.function.params and name not in ("self", "cls") \
                and self.reporting:
            self._add_effect(f"{ARGUMENT}{name}", strip_constant(value))

    def _store(self, name: str, value: Value) -> None:
        """Put ``value`` into the module store ``name``. Data from this function's own
        parameters, in a function the module calls, is a summary effect instead: each call
        writes it with its own arguments (``Summary.stores``)."""
        if not value.tainted:
            return
        symbolic = all(o.startswith("param:") for o in value.origins)
        if self.function is None or self.is_entry or not symbolic:
            self.shared.write_global(name, value)
        elif self.reporting:
            self._add_effect(name, value)

    def _add_effect(self, store: str, value: Value) -> None:
        self.stores[store] = join(self.stores[store], value) if store in self.stores else value

    def _track_entries(self, name: str, literal: ast.Dict, state: State) -> None:
        """``d = {"a": x, "b": y}``: each constant key is its own entry (``d["b"]`` is only y)."""
        rest = CLEAN
        for key, item in zip(literal.keys, literal.values, strict=True):
            value = self.eval(item, state, quiet=True)
            text = self.eval(key, state, quiet=True).text if key is not None else None
            if text is None:
                rest = join(rest, strip_constant(value))
            else:
                state[f"{name}[{text}]"] = value
        state[f"{name}[?]"] = rest
        self.slotted.add(name)

    def _forget_slots(self, name: str, state: State) -> None:
        if name not in self.slotted:
            return
        for key in [k for k in state if k.startswith((f"{name}[", f"{name}."))]:
            del state[key]

    def _read_slot(self, name: str, key: str | None, state: State) -> Value | None:
        """The entry of a tracked dict read under a constant key (None: not tracked)."""
        marker = f"{name}[?]"
        if marker not in state:
            return None
        if key is not None and f"{name}[{key}]" in state:
            return state[f"{name}[{key}]"]
        if key is None:
            return None  # an unknown key may be any entry
        return state[marker]  # never written under this key: only what unknown keys wrote

    def _header_target(self, target: ast.Subscript) -> ast.expr | None:
        """The key of ``response.headers[key] = value``."""
        if isinstance(target.value, ast.Attribute) and target.value.attr == "headers":
            return target.slice
        return None

    def _check_header(self, target: ast.Subscript, value: Value, state: State) -> None:
        key = self.eval(target.slice, state, quiet=True).text
        self._check_header_value(key, value, target)

    def _check_header_value(self, key: str | None, value: Value, node: ast.AST) -> None:
        if not self.reporting or not value.tainted:
            return
        kind = "redirect" if key is not None and key.lower() in ("location", "refresh") else "header"
        if not value.is_safe_for(kind):
            self._hit(kind, node, value, f"response header {key or '(computed)'}")

    def _check_output(self, value: Value, stmt: ast.Return) -> None:
        """A string an entry point hands out is as good as sent: judge it by its language. A web
        view's return value *is* the response body: a Flask view's string is HTML."""
        if not value.tainted or not (self.is_entry or self.view == "flask"):
            return
        kinds = set(value.langs & specs.OUTPUT_KINDS)
        if self.view == "flask" and not _is_structured(stmt.value):
            kinds.add("html")
        for lang in sorted(kinds):
            if not value.is_safe_for(lang):
                self._hit(lang, stmt, value, "returned")

    # --- guards ---------------------------------------------------------------------------------

    def _validate(self, expr: ast.expr, state: State, kinds: frozenset[str] | None, line: int,
                  confined_by: frozenset[str] = frozenset()) -> None:
        """Mark the variable behind ``expr`` safe (for ``kinds``, or entirely when None). A path
        confined to a base that is a parameter is safe only where that base is (``confined_by``)."""
        name = _variable(expr)
        if name is None:
            return
        current = state[name] if name in state else \
            self.eval(expr, state, quiet=True) if name.startswith("self.") else self._global(name)
        if not current.tainted:
            return
        if name.startswith("self."):
            self.slotted.add("self")
        if kinds is None:
            state[name] = replace(CLEAN, text=current.text, collection=current.collection)
        else:
            state[name] = _checked(current, kinds, confined_by).step(line, f"checked ({', '.join(sorted(kinds))})")
            for linked in current.links:
                if linked in state and state[linked].tainted:
                    state[linked] = _checked(state[linked], kinds, confined_by)
        # Values looked up by this one (``getattr(hashlib, name)``) are as good as the name.
        for other, value in list(state.items()):
            if other != name and value.tainted and f"lookup:{name}" in value.links:
                state[other] = CLEAN if kinds is None else value.made_safe(kinds)

    def _is_trusted(self, expr: ast.expr, state: State) -> bool:
        value = self.eval(expr, state, quiet=True)
        return not value.tainted

    def _base_origins(self, expr: ast.expr, state: State) -> frozenset[str] | None:
        """What a path checked to lie under ``expr`` is confined by (``_confinement``): a base
        from this function's parameters, or a closure's from its factory's, is judged at the
        calls; a field's by what the program constructed its objects with; any other base that
        is not trusted confines nothing."""
        confined = _confinement(self.eval(expr, state, quiet=True))
        function = self.function
        if not confined or function is None:
            return None if confined else confined
        for origin in confined:
            param = origin[6:]
            if param in function.params or function.nested:
                continue  # its own, or its factory's: judged at the calls
            held = self.previous.constructed.get(function.class_name or "", {}).get(param)
            if held is None or _confinement(held) != frozenset():
                return None  # a field the program filled with data from outside, or never filled
            confined = confined - {origin}
        return confined

    def _refine(self, state: State, test: ast.expr, holds: bool) -> None:
        line = getattr(test, "lineno", 0)
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            self._refine(state, test.operand, not holds)
            return
        if isinstance(test, ast.Name) and holds and test.id in state:
            # ``ok = is_safe_url(x)`` ... ``if ok:``: the flag stands for the check it holds.
            for link in state[test.id].links:
                if link.startswith("validates:"):
                    _, kinds, checked = link.split(":", 2)
                    self._validate(ast.Name(id=checked), state, frozenset(kinds.split(",")) or None, line)
            return
        if isinstance(test, ast.BoolOp):
            conjunctive = isinstance(test.op, ast.And) == holds
            if conjunctive:  # a and b held, or (a or b) failed: each part did
                for part in test.values:
                    self._refine(state, part, holds)
            else:  # one of the parts: what every alternative guarantees
                branches = []
                for part in test.values:
                    branch = dict(state)
                    self._refine(branch, part, holds)
                    branches.append(branch)
                merged: State | None = None
                for branch in branches:
                    merged = join_states(merged, branch)
                state.clear()
                state.update(merged or {})
            return
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            op, left, right = test.ops[0], test.left, test.comparators[0]
            positive = isinstance(op, (ast.In, ast.Eq, ast.Is))
            negative = isinstance(op, (ast.NotIn, ast.NotEq, ast.IsNot))
            if isinstance(op, (ast.In, ast.NotIn)) and (negative == holds) and _is_separator(left):
                self._validate(right, state, frozenset({"path"}), line)  # no separator: a bare name
                return
            if isinstance(op, (ast.In, ast.NotIn)) and (positive == holds) and isinstance(right, ast.Attribute) and \
                    right.attr == "parents" and self._base_origins(left, state) is not None:
                confined = self._normalized_variable(right.value) or right.value
                self._validate(confined, state, frozenset({"path"}), line,  # BASE in p.resolve().parents
                               self._base_origins(left, state) or frozenset())
                return
            if isinstance(op, (ast.In, ast.NotIn)) and (negative == holds) and _is_line_break(left):
                self._validate(right, state, specs.LINE_KINDS, line)  # no line break: one header line
                return
            if (positive and holds) or (negative and not holds):
                for a, b in ((left, right), (right, left)):
                    inside = _commonpath_members(a, self.module)
                    base = self._base_origins(b, state) if inside else None
                    if inside and base is not None:
                        for member in inside:  # commonpath([base, p]) == base: p is under base
                            if self._is_normalized_path(member, state):
                                self._validate(member, state, frozenset({"path"}), line, base)
                            elif (inner := self._normalized_variable(member)) is not None:
                                self._validate(inner, state, frozenset({"path"}), line, base)  # realpath(p)
                if isinstance(op, (ast.In, ast.NotIn)):
                    if self._is_policy(right, left, state):
                        self._validate_checked(left, state, line, self._membership_kinds(right, state))
                    elif _host_of(left) is not None or self._is_host(left, state):
                        self._validate_host(left, state, line)
                else:
                    for a, b in ((left, right), (right, left)):
                        inner = self._normalized_variable(a) or self._dirname_of_normalized(a, state)
                        base = self._base_origins(b, state) if inner is not None and not _is_none(b) else None
                        if inner is not None and base is not None:
                            # dirname(realpath(p)) == BASE: p is confined
                            self._validate(inner, state, frozenset({"path"}), line, base)
                        if self._is_trusted(b, state) and not _is_none(b):
                            self._validate_checked(a, state, line)
                        elif _host_of(a) is not None or self._is_host(a, state):
                            self._validate_host(a, state, line)
            return
        if isinstance(test, ast.Call):
            self._refine_call(state, test, holds, line)
        elif not holds and _host_of(test) is not None:
            self._validate_host(test, state, line)  # no host at all: a relative URL stays on this site

    def _validate_by_pattern(self, expr: ast.expr, pattern: str, flags: int, full: bool, state: State,
                             line: int) -> None:
        """A text that matched an anchored pattern is safe for the sinks its characters cannot
        subvert (``regex.allow_list_kinds``): ``^[\\w./-]+$`` proves nothing about paths."""
        kinds = allow_list_kinds(pattern, flags, full)
        if kinds is None or kinds:
            self._validate(expr, state, kinds, line)

    def _validate_checked(self, expr: ast.expr, state: State, line: int,
                          kinds: frozenset[str] | None = None) -> None:
        if _host_of(expr) is not None or self._is_host(expr, state):
            self._validate_host(expr, state, line)
        self._validate(expr, state, kinds, line)

    def _is_policy(self, container: ast.expr, element: ast.expr, state: State) -> bool:
        """A collection an element may be checked against: trusted, or handed in separately by the
        caller as policy (``if cmd not in allowed_commands``), not derived from the element itself."""
        value = self.eval(container, state, quiet=True)
        if not value.tainted:
            return True
        checked = self.eval(element, state, quiet=True)
        return bool(checked.origins) and not (value.origins & checked.origins) and value.text is None

    def _membership_kinds(self, container: ast.expr, state: State) -> frozenset[str] | None:
        """Everything, except that only a list of strong algorithms makes an algorithm choice safe."""
        items = self.eval(container, state, quiet=True).items
        if items is not None and not {i.lower() for i in items} & specs.WEAK_ALGORITHMS:
            return None
        return specs.ALL_KINDS - {"algorithm"}

    def _is_host(self, expr: ast.expr, state: State) -> bool:
        """A variable holding the host part of a parsed URL (``domain = parsed.netloc``)."""
        name = _variable(expr)
        return name is not None and name in state and any(
            _link_is_parsed(state, link) for link in state[name].links)

    def _validate_host(self, expr: ast.expr, state: State, line: int) -> None:
        base = _host_of(expr)
        if isinstance(base, ast.Call) and self.module.qualname(base.func) in specs.URL_PARSERS and base.args:
            base = base.args[0]  # urlparse(url).hostname: the check is about url
        targets = [base] if base is not None else [expr]
        for target in targets:
            name = _variable(target)
            if name is None:
                continue
            value = state.get(name)
            if value is None:
                continue
            names = {name, *value.links}
            for linked in list(names):
                if linked in state:
                    names |= state[linked].links
            for linked in names:
                if linked in state and state[linked].tainted:
                    state[linked] = state[linked].made_safe({"url"}).step(line, "URL host checked")

    def _refine_call(self, state: State, call: ast.Call, holds: bool, line: int) -> None:
        if holds and self._refine_by_predicate(state, call, line):
            return
        name = self.module.qualname(call.func) or ""
        method = call.func.attr if isinstance(call.func, ast.Attribute) else None
        if holds and method in specs.VALIDATING_METHODS and isinstance(call.func, ast.Attribute):
            self._validate(call.func.value, state, None, line)
        elif holds and method in specs.LINE_BREAK_FREE_METHODS and isinstance(call.func, ast.Attribute):
            self._validate(call.func.value, state, specs.LINE_KINDS, line)
        elif holds and name in specs.REGEX_MATCHERS and len(call.args) >= 2:
            pattern = self.eval(call.args[0], state, quiet=True).text
            flags = flags_of(call.args[2] if len(call.args) > 2 else _keyword(call, "flags"))
            if pattern is not None:
                self._validate_by_pattern(call.args[1], pattern, flags, name == "re.fullmatch", state, line)
        elif holds and method in ("match", "fullmatch") and isinstance(call.func, ast.Attribute) and call.args:
            compiled = self.eval(call.func.value, state, quiet=True)
            pattern = compiled.text if compiled.ref != "obj:re.Pattern" else compiled.shape
            if pattern is not None:
                self._validate_by_pattern(call.args[0], pattern, 0, method == "fullmatch", state, line)
        elif holds and name in ("isinstance", "builtins.isinstance") and len(call.args) == 2:
            if _numeric_types(call.args[1]):
                self._validate(call.args[0], state, None, line)
        elif holds and name in specs.VALIDATORS and call.args:
            self._validate(call.args[0], state, specs.VALIDATORS[name], line)
        elif not holds and method == "startswith" and isinstance(call.func, ast.Attribute) and call.args and \
                self.eval(call.args[0], state, quiet=True).text in ("..", "../") and \
                _RELATIVE in self.eval(call.func.value, state, quiet=True).links:
            # relpath(p, BASE) does not start with "..": p lies under BASE
            self._validate(call.func.value, state, frozenset({"path"}), line)
        elif holds and method in ("startswith", "is_relative_to") and isinstance(call.func, ast.Attribute):
            # A normalised path checked against a trusted prefix stays inside it.
            subject = call.func.value
            base = self._base_origins(call.args[0], state) if call.args else None
            if base is not None:
                inner = self._normalized_variable(subject)
                if self._is_normalized_path(subject, state):
                    self._validate(subject, state, frozenset({"path"}), line, base)
                elif inner is not None:
                    self._validate(inner, state, frozenset({"path"}), line, base)
            if call.args and self._is_trusted(call.args[0], state):
                prefix = self.eval(call.args[0], state, quiet=True).text
                if prefix is not None and specs.FIXED_HOST_PREFIX.match(prefix):
                    self._validate(subject, state, frozenset({"url"}), line)
        elif name in ("all", "any", "builtins.all", "builtins.any") and call.args:
            self._refine_quantified(state, call, name.endswith("all"), holds, line)

    def _refine_by_predicate(self, state: State, call: ast.Call, line: int) -> bool:
        """``_is_within(BASE, p)`` held: what the program's own predicate proves when true."""
        target = self._resolve(call.func, state, [])
        summary = self.summaries.get(target.local.qualname) if target.local is not None else None
        if target.local is None or summary is None or not summary.guards:
            return False
        local = target.local
        keywords = {kw.arg: self._eval(kw.value, state) for kw in call.keywords}
        bound = self._bind(local, [*target.bound, *self._arguments(call, state)], keywords)
        self._apply_checks(summary.guards, call, local, lambda p: bound.get(p, CLEAN), state, line)
        return True

    def _refine_quantified(self, state: State, call: ast.Call, is_all: bool, holds: bool, line: int) -> None:
        """``all(c in ALLOWED for c in text)`` or ``all(isinstance(n, OK) for n in ast.walk(tree))``."""
        generator = call.args[0]
        if not isinstance(generator, (ast.GeneratorExp, ast.ListComp)) or len(generator.generators) != 1:
            return
        comp = generator.generators[0]
        element = generator.elt
        negated = isinstance(element, ast.UnaryOp) and isinstance(element.op, ast.Not)
        inner = element.operand if isinstance(element, ast.UnaryOp) and negated else element
        # all(p) held, or any(not p) failed: every element satisfies p.
        every = (is_all and holds and not negated) or (not is_all and not holds and negated)
        if not every:
            return
        if _walks_tree(comp.iter, self.module) is not None and _mentions(inner, comp.target):
            self._validate(_walks_tree(comp.iter, self.module) or comp.iter, state,
                           frozenset({"eval", "exec"}), line)
            return
        trial = dict(state)
        trial_target = _variable(comp.target)
        if trial_target is None:
            return
        trial[trial_target] = tainted(SOURCE, line, "element")
        self._refine(trial, inner, True)
        self._validate_like(comp.iter, trial[trial_target], state, line)

    def _refine_loop(self, state: State, check: LoopCheck) -> None:
        line = getattr(check.test, "lineno", 0)
        tree = _walks_tree(check.iterable, self.module)
        if tree is not None and _mentions(check.test, check.target):
            self._validate(tree, state, frozenset({"eval", "exec"}), line)
            return
        target = _variable(check.target)
        if target is None:
            return
        trial = dict(state)
        trial[target] = tainted(SOURCE, line, "element")
        self._refine(trial, check.test, check.ok_when)
        iterable = check.iterable
        element = trial[target]
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and \
                iterable.func.attr in ("items", "keys", "values", "split"):
            method = iterable.func.attr
            if method == "keys":
                return  # the keys passed; the values were never looked at
            if method == "split":
                # the pieces passed, the separators between them did not: safe only where they are
                separator = self.eval(iterable.args[0], state, quiet=True).text if iterable.args else " \t\n\r"
                if separator is None:
                    return
                element = _restricted(element, kinds_safe_with(separator))
            iterable = iterable.func.value
        elif isinstance(iterable, ast.Name) and self._used_as_mapping(iterable.id):
            # iterating a dict gives its keys: they passed, its values were never looked at
            held = state.get(iterable.id, self._global(iterable.id))
            if held.tainted and (element.safe or not element.tainted):
                mark = f"{_KEYS_SAFE}{','.join(sorted(element.safe)) if element.tainted else '*'}"
                state[iterable.id] = replace(held, links=held.links | {mark})
            return
        self._validate_like(iterable, element, state, line)

    def _used_as_mapping(self, name: str) -> bool:
        """The body reads ``name``'s values (``.items()``, ``.values()``, ``.get()``, ``name[k]``)."""
        return name in self._body_facts()[0]

    def _body_facts(self) -> tuple[frozenset[str], dict[str, list[ast.expr]]]:
        """Read once from this body's syntax: the names it reads as mappings, and the names bound
        once, to a list or tuple literal (their items)."""
        if self._facts is None:
            mappings: set[str] = set()
            bound: dict[str, list[ast.expr]] = {}
            for node in ast.walk(ast.Module(body=self.body, type_ignores=[])):
                if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.value, ast.Name) and (
                        node.attr in ("items", "values", "get", "pop", "setdefault") if isinstance(node, ast.Attribute)
                        else not isinstance(node.slice, (ast.Constant, ast.Slice))):
                    mappings.add(node.value.id)
                elif isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            bound.setdefault(target.id, []).append(node.value)
            literals = {name: list(values[0].elts) for name, values in bound.items()
                        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple))}
            self._facts = (frozenset(mappings), literals)
        return self._facts

    def _validate_like(self, collection: ast.expr, element: Value, state: State, line: int) -> None:
        """Every element passed a check: the collection is as safe as the checked element."""
        if not element.tainted:
            self._validate(collection, state, None, line)
        elif element.safe:
            self._validate(collection, state, element.safe, line)

    def _dirname_of_normalized(self, expr: ast.expr, state: State) -> ast.Name | None:
        """``p`` in ``os.path.dirname(p)`` where ``p`` holds a normalised path."""
        if isinstance(expr, ast.Call) and self.module.qualname(expr.func) in ("os.path.dirname", "posixpath.dirname") \
                and len(expr.args) == 1 and isinstance(expr.args[0], ast.Name) and \
                self._is_normalized_path(expr.args[0], state):
            return expr.args[0]
        return None

    def _normalized_variable(self, expr: ast.expr) -> ast.Name | None:
        """``p`` in ``os.path.dirname(os.path.realpath(p))``: a normalised form of a variable."""
        seen_normalizer = False
        while isinstance(expr, ast.Call):
            name = self.module.qualname(expr.func) or ""
            if isinstance(expr.func, ast.Attribute) and f"*.{expr.func.attr}" in specs.PATH_NORMALIZERS:
                seen_normalizer = True  # target.resolve()
                expr = expr.func.value
                continue
            if not expr.args:
                return None
            if name in specs.PATH_NORMALIZERS:
                seen_normalizer = True
            elif name not in ("os.path.dirname", "posixpath.dirname", "str"):
                return None
            expr = expr.args[0]
        return expr if seen_normalizer and isinstance(expr, ast.Name) else None

    def _is_normalized_path(self, expr: ast.expr, state: State) -> bool:
        name = _variable(expr)
        return name is not None and "path:normalized" in state.get(name, CLEAN).links

    # --- expressions ----------------------------------------------------------------------------

    def _global(self, name: str) -> Value:
        written = self.previous.global_writes.get(name)
        if name in self.globals:
            value = self.globals[name]
            # a module container some function filled: its type stays, the data joins
            return replace(join(value, strip_constant(written)), ref=value.ref) if written is not None else value
        if written is not None:
            return written
        node = self.module.constants.get(name)
        if node is not None:
            return _const_value(self.module, node)
        qualified = self.module.imports.get(name)
        if qualified in specs.SOURCE_ATTRIBUTES:
            return tainted(_origin(qualified), 0, f"{qualified} is untrusted input")
        if qualified is not None:
            return Value(ref=qualified)  # a module, or a function or class imported from one
        if name in self.module.top_functions:
            return Value(ref=f"fn:{name}")
        if name in self.module.classes:
            return Value(ref=f"class:{name}")
        if name in BUILTIN_CALLABLES:
            return Value(ref=name)
        return CLEAN

    def _seed_fields(self, function: FunctionInfo) -> None:
        """A method starts with the fields it writes or checks as slots of ``self``: a field
        checked or set on one path only is then joined with what it holds on the others."""
        assert function.class_name is not None
        for node in ast.walk(function.node):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" \
                    and f"self.{node.attr}" not in self.initial:
                held = self._field(function.class_name, node.attr)
                if held is not None and held.tainted:
                    self.initial[f"self.{node.attr}"] = held
                    self.slotted.add("self")

    def _field(self, class_name: str, attr: str) -> Value | None:
        """What field ``attr`` of the class's instances holds, after what its ``__post_init__``
        checks (read as written inside ``__post_init__`` itself, which the check is made of)."""
        held = self.previous.fields.get(class_name, {}).get(attr)
        if held is None or self._is_post_init():
            return held
        checked = self.previous.field_checks.get(class_name, {}).get(attr)
        if attr in self.previous.rewritten.get(class_name, ()):
            return held  # set again after __post_init__ ran
        return held.made_safe(checked) if checked and held.tainted else held

    def _is_post_init(self) -> bool:
        return self.function is not None and self.function.name == "__post_init__" and \
            self.function.class_name is not None

    def _member(self, base: Value, base_expr: ast.expr | None, attr: str, line: int) -> Value:
        """``base.attr``: a bound method or field of a typed object, a module's member, a field."""
        ref = base.ref
        if ref is not None and ref.startswith("obj:"):
            owner = ref[4:].split(specs.AUTOESCAPE)[0]
            if owner in self.module.classes or owner.split(".")[0] in self.module.classes:
                held = self._field(owner, attr)
                if held is not None:
                    return held
            member = f"{ref[4:]}.{attr}"
            if specs.AUTOESCAPE in member and attr not in ("render", "render_async"):
                member = member.replace(specs.AUTOESCAPE, "")  # escaping changes rendering only
        elif ref is not None and not ref.startswith(("fn:", "class:", "lambda:", "methodcaller:", "*.")):
            member = f"{ref}.{attr}"  # a module path: os -> os.path -> os.path.join
            if member in specs.SOURCE_ATTRIBUTES:
                return tainted(_origin(member), line, f"{member} is untrusted input")
        else:
            member = f"*.{attr}"
        links = base.links
        name = _variable(base_expr) if base_expr is not None else None
        if attr in specs.URL_HOST_ATTRIBUTES and name is not None:
            links = links | {name}
        return replace(strip_constant(base), links=links, ref=member)

    def eval(self, expr: ast.expr | None, state: State, quiet: bool = False) -> Value:
        if expr is None:
            return CLEAN
        was = self.reporting
        if quiet:
            self.reporting = False
        try:
            return self._eval(expr, state)
        except RecursionError:
            return CLEAN
        finally:
            self.reporting = was

    def _eval(self, expr: ast.expr, state: State) -> Value:
        line = getattr(expr, "lineno", 0)
        if isinstance(expr, ast.Constant):
            return constant(expr.value) if isinstance(expr.value, str) else CLEAN
        if isinstance(expr, ast.Name):
            return state[expr.id] if expr.id in state else self._global(expr.id)
        if isinstance(expr, ast.Lambda):
            self.shared.lambdas[id(expr)] = expr
            self.previous.lambdas.setdefault(id(expr), expr)
            if self._lambda_depth < MAX_LAMBDA_DEPTH:  # its body runs with what it captures
                self._lambda_depth += 1
                try:
                    self._eval(expr.body, {**state, **{a.arg: CLEAN for a in _lambda_params(expr)}})
                finally:
                    self._lambda_depth -= 1
            return Value(ref=f"lambda:{id(expr)}")
        if isinstance(expr, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.FormattedValue) else v for v in expr.values]
            return self._build_text(parts, [self._eval(p, state) for p in parts], line)
        if isinstance(expr, ast.FormattedValue):
            return self._eval(expr.value, state)
        if isinstance(expr, ast.BinOp):
            left, right = self._eval(expr.left, state), self._eval(expr.right, state)
            if isinstance(expr.op, (ast.Add, ast.Mod)):
                if left.collection and right.collection and not (left.tainted or right.tainted):
                    return constant(collection=True)
                pieces = _printf_pieces(left.text, right) if isinstance(expr.op, ast.Mod) and not left.collection \
                    else None
                built = self._build_text([expr.left, expr.right], pieces or [left, right], line)
                if left.ref == _MARKUP and built.tainted:  # Markup escapes what it is combined with
                    built = replace(built.escaped_for({"html", "xml"}), ref=_MARKUP)
                return built
            if left.tainted or right.tainted:
                joined = strip_constant(join(left, right))
                if isinstance(expr.op, ast.Div):  # pathlib: base / name
                    joined = replace(joined, langs=joined.langs | {"filepath"})
                return joined
            return CLEAN  # arithmetic on numbers: not text an attacker shapes
        if isinstance(expr, ast.Call):
            return self._call(expr, state)
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls") and \
                    f"self.{expr.attr}" in state:
                return state[f"self.{expr.attr}"]
            if isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls") and self.function and \
                    self.function.class_name is not None:
                held = self._field(self.function.class_name, expr.attr)
                if held is not None:
                    return held
                if expr.attr in specs.HANDLER_SOURCES and self._is_request_handler(self.function.class_name):
                    return tainted(SOURCE, line, f"self.{expr.attr} is the client's request")
            dotted = self.module.qualname(expr)
            if dotted in _PATH_CONSTANTS and not self._shadowed(expr, state):
                return constant(_PATH_CONSTANTS[dotted])
            if dotted in specs.SOURCE_ATTRIBUTES and not self._shadowed(expr, state):
                return tainted(_origin(dotted), line, f"{dotted} is untrusted input")
            if isinstance(expr.value, ast.Call) and isinstance(expr.value.func, ast.Attribute) and \
                    expr.value.func.attr == "find" and expr.attr in _ELEMENT_PARTS:
                # root.find("name").text: an XML element's child, not str.find's number (no .text)
                found = strip_constant(self._eval(expr.value.func.value, state))
                return found.step(line, f"an element's .{expr.attr}")
            base = self._eval(expr.value, state)
            if base.proxy:
                return replace(CLEAN, proxy=True)
            return self._member(base, expr.value, expr.attr, line)
        if isinstance(expr, ast.Subscript):
            key = self._eval(expr.slice, state)
            if isinstance(expr.value, ast.Name):
                entry = self._read_slot(expr.value.id, key.text, state)
                if entry is not None:
                    return strip_constant(entry) if entry.text is None else entry
                literal = self.module.constants.get(expr.value.id) if expr.value.id not in state else None
                if isinstance(literal, ast.Dict) and key.text is not None and not self._global(expr.value.id).tainted:
                    for k, v in zip(literal.keys, literal.values, strict=True):  # SETTINGS["root"]
                        if isinstance(k, ast.Constant) and k.value == key.text:
                            return _const_value(self.module, v)
            if key.text is not None and (self.module.qualname(expr.value) == "sys.modules" or (
                    isinstance(expr.value, ast.Call) and self.module.qualname(expr.value.func) in (
                        "globals", "builtins.globals") and not expr.value.args)):
                # sys.modules["os"], globals()["os"]: the module or global itself
                held = self._global(key.text)
                return held if held.ref is not None or held.tainted else Value(ref=key.text)
            base = self._eval(expr.value, state)
            index = _constant_index(expr.slice)
            if base.elements is not None and index is not None and -len(base.elements) <= index < len(base.elements):
                return base.elements[index]  # an item of a tuple of known items
            # a slice of escaped text may cut its quoting off (shlex.quote(x)[1:-1])
            return unsafe(strip_constant(base)) if isinstance(expr.slice, ast.Slice) else strip_constant(base)
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            values = [self._eval(e.value if isinstance(e, ast.Starred) else e, state) for e in expr.elts]
            positions = tuple(values) if isinstance(expr, ast.Tuple) and not any(
                isinstance(e, ast.Starred) for e in expr.elts) else None
            if not any(v.tainted for v in values):
                return replace(constant(collection=True, items=_string_items(expr)), elements=positions)
            return replace(strip_constant(join_all(values)), elements=positions)
        if isinstance(expr, ast.Dict):
            values = [self._eval(v, state) for v in expr.values] + [
                self._eval(k, state) for k in expr.keys if k is not None]
            if not any(v.tainted for v in values):
                return replace(constant(collection=True), ref="obj:dict")
            return replace(strip_constant(join_all(values)), ref="obj:dict")
        if isinstance(expr, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self._comprehension(expr, state)
        if isinstance(expr, ast.IfExp):
            self._eval(expr.test, state)
            # Each arm sees what its condition guarantees: ``x if x in ALLOWED else "/"``.
            arms = []
            for arm, holds in ((expr.body, True), (expr.orelse, False)):
                known = self._fold(expr.test)
                if known is not None and bool(known) != holds:
                    continue
                scope = dict(state)
                self._refine(scope, expr.test, holds)
                arms.append(self._eval(arm, scope))
            return join_all(arms)
        if isinstance(expr, ast.BoolOp):
            return strip_constant(join_all(self._eval(v, state) for v in expr.values))
        if isinstance(expr, ast.Compare):
            self._eval(expr.left, state)
            for item in expr.comparators:
                self._eval(item, state)
            return CLEAN
        if isinstance(expr, ast.UnaryOp):
            inner = self._eval(expr.operand, state)
            return CLEAN if isinstance(expr.op, ast.Not) else inner
        if isinstance(expr, ast.NamedExpr):
            value = self._eval(expr.value, state)
            self._assign(expr.target, value, state)
            return value
        if isinstance(expr, (ast.Await, ast.Starred)):
            return self._eval(expr.value, state)
        if isinstance(expr, (ast.Yield, ast.YieldFrom)):
            value = self._eval(expr.value, state) if expr.value is not None else CLEAN
            if self.reporting and value.tainted:  # a generator hands out what it yields
                self.returns = join(self.returns, value)
            return value
        if isinstance(expr, ast.Slice):
            for part in (expr.lower, expr.upper, expr.step):
                if part is not None:
                    self._eval(part, state)
            return CLEAN
        return CLEAN

    def _comprehension(self, expr: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                       state: State) -> Value:
        scope = dict(state)
        for comp in expr.generators:
            iterable = self._eval(comp.iter, scope)
            self._assign(comp.target, _element(comp.iter, iterable), scope)
            for condition in comp.ifs:
                self._eval(condition, scope)
                self._refine(scope, condition, True)
        if isinstance(expr, ast.DictComp):
            return strip_constant(join(self._eval(expr.key, scope), self._eval(expr.value, scope)))
        return strip_constant(self._eval(expr.elt, scope))

    def _build_text(self, parts: list[ast.expr], values: list[Value], line: int) -> Value:
        """A string assembled from pieces: f-strings, ``+``, ``%``, ``.format``, ``join``."""
        texts = [v.text for v in values]
        if all(t is not None for t in texts) and not any(v.tainted for v in values):
            return constant("".join(t or "" for t in texts))
        langs: set[str] = set()
        previous = ""
        for value in values:
            langs |= value.langs
            if value.text is not None:
                langs |= specs.text_languages(value.text)
            elif value.tainted and previous.endswith(("/", "\\")) and not specs.is_url_text(previous):
                langs.add("filepath")  # f"uploads/{name}": a name placed under a directory
            previous = value.text if value.text is not None else ""
        # The structure with unknown pieces as one character: enough to judge a regex built here.
        shape = "".join(v.text if v.text is not None else v.shape if v.shape is not None else "x" for v in values)
        values = _shell_quoting_in_context(values)
        tainted_parts = [v for v in values if v.tainted]
        if not tainted_parts:
            return Value(langs=frozenset(langs), shape=shape[:2000])
        safe = frozenset.intersection(*(v.safe for v in tainted_parts))
        # A fixed scheme and host before the first untrusted piece: the host is not the attacker's.
        prefix = ""
        for value in values:
            if value.tainted:
                break
            prefix += value.text or ""
        if specs.FIXED_HOST_PREFIX.match(prefix):
            safe |= {"url"}
        first = tainted_parts[0]
        escaped = frozenset.intersection(*(v.escaped for v in tainted_parts)) & safe
        return Value(tainted=True, safe=safe, escaped=escaped, langs=frozenset(langs),
                     origins=frozenset().union(*(v.origins for v in tainted_parts)),
                     shape=shape[:2000], trace=first.trace).step(line, "inserted into a string")

    # --- calls ----------------------------------------------------------------------------------

    def _call(self, call: ast.Call, state: State) -> Value:
        bound_form = _as_bound_call(call)
        if bound_form is not None:  # f.__call__(x), type(conn).execute(conn, q): the plain call
            return self._call(bound_form, state)
        line = call.lineno
        func = call.func
        args = self._arguments(call, state)
        keywords = {kw.arg: self._eval(kw.value, state) for kw in call.keywords}
        target = self._resolve(func, state, args)
        if target.lambda_node is not None:
            result = self._call_lambda(target.lambda_node, args, keywords, state)
            if target.receiver.tainted and _free_names(target.lambda_node):
                # a lambda made by a factory: what it captured there reaches what it returns
                result = join(result, strip_constant(target.receiver))
            return result
        name, method, receiver = target.name, target.method, target.receiver
        args = [*target.bound, *(args[1:] if target.drop_first else args)]
        every_arg = args + list(keywords.values())

        self._check_sinks(call, target, args, keywords, state)
        if name in ("map", "builtins.map") and len(call.args) >= 2:
            self._check_mapped_sink(call, state, args[1:])
        self._check_runner(call, name, method, args, keywords, state)
        if name is not None and (name.startswith(("subprocess.", "os.exec", "os.spawn", "os.posix_spawn"))):
            self._check_interpreter(call, name, keywords, state)
        if name == "flask.render_template_string" and args and args[0].text and _unescaped_in_template(args[0].text):
            for value in keywords.values():  # {{ name|safe }}: the value goes into the page as it is
                if value.tainted and not value.is_safe_for("html"):
                    self._hit("html", call, value, f"{name} (|safe)")
        if isinstance(func, ast.Subscript) and isinstance(func.value, ast.Name):
            self._check_dispatched(call, func.value.id, args, keywords, state)
        if isinstance(func, ast.Attribute) and args and _names_a_class(self.module.qualname(func.value)):
            self._check_unbound_sink(call, func.attr, args, keywords, state)
        if name in ("print", "builtins.print") and (out := _keyword(call, "file")) is not None:
            printed = strip_constant(join_all(args))
            if printed.tainted:  # print(x, file=buffer): the buffer holds x
                self._fill(out, printed, state)
        if name in _ARGUMENT_FILLERS and len(call.args) > 1 and not isinstance(call.args[0], ast.Starred):
            put = strip_constant(join_all(args[1:]))
            if put.tainted:  # heapq.heappush(heap, item): the item is in the heap now
                self._fill(call.args[0], put, state)
        self._through_files(call, name, method, func, receiver, args, keywords)
        rows = self._through_database(call, method, func, args, state)
        if name in ("setattr", "builtins.setattr") and len(call.args) == 3:
            self._setattr(call, args, state)
            return CLEAN
        if name in ("sum", "builtins.sum") and _sums_sequences(call):
            return strip_constant(join_all(every_arg))  # sum(parts, []) concatenates

        # Local functions and classes: summaries.
        local = target.local
        if local is not None:
            return self._apply_summary(local, call, args, keywords, line, captured=target.receiver, state=state)
        if target.local_class is not None:
            for base in getattr(self.module.classes.get(target.local_class), "bases", ()):
                base_name = self.module.qualname(base)
                # class Job(subprocess.Popen): Job(cmd, shell=True) runs a shell. (A subclass of an
                # unpickler is the documented way to restrict one: not judged as its base.)
                if base_name in _SINKS_BY_NAME and all(k.kind == "shell" for k in _SINKS_BY_NAME[base_name]):
                    self._check_sinks(call, _Target(base_name, None, CLEAN), args, keywords, state)
            init = self.module.by_qualname.get(f"{target.local_class}.__init__")
            if init is not None:
                self._apply_summary(init, call, args, keywords, line)
                self._record_construction(target.local_class, init, call, args, keywords)
            else:
                self._fill_declared_fields(target.local_class, call, args, keywords)
            if target.local_class in self.module.guarded_classes:
                return replace(CLEAN, proxy=True)
            carried = strip_constant(join_all(every_arg))
            return replace(carried, ref=f"obj:{target.local_class}")

        if name is not None and name in specs.RETURNS:
            typed = self._typed_result(call, name, receiver, every_arg, state)
            return replace(join(typed, rows), ref=typed.ref) if rows.tainted else typed
        if name in ("functools.partial", "partial") and args:
            bound_keywords = frozenset(k for k, kw in zip(keywords, call.keywords, strict=True)
                                       if k is not None and _truthy(kw.value))
            return replace(args[0], bound=(*args[0].bound, *args[1:]),
                           bound_keywords=args[0].bound_keywords | bound_keywords)
        if name == "operator.methodcaller" and args and args[0].text is not None:
            return Value(ref=f"methodcaller:{args[0].text}", bound=tuple(args[1:]))
        if name in ("getattr", "builtins.getattr") and len(args) >= 2 and args[1].text is not None:
            return self._member(args[0], call.args[0] if call.args else None, args[1].text, line)
        if name in ("locals", "vars", "globals", "builtins.locals", "builtins.vars", "builtins.globals") \
                and not call.args:
            # "...{name}...".format(**locals()): the namespace holds whatever its variables hold
            held = [*state.values(), *(self.globals.values() if name.endswith("globals") else ())]
            return strip_constant(join_all(held)) if held else CLEAN
        if name in ("iter", "builtins.iter") and len(call.args) == 2:
            # iter(input, sentinel): each item is a call of the first argument
            source = self._resolve(call.args[0], state, [])
            if source.name in specs.SOURCE_CALLS or (
                    source.method and f"*.{source.method}" in specs.SOURCE_CALLS):
                return tainted(_origin(source.name, source.method), line,
                               f"iter({source.name or source.method}, ...) yields untrusted input")
        if name in specs.FD_READERS and call.args and _is_stdin_fd(call.args[0]):
            return tainted(SOURCE, line, f"{name}() of descriptor 0 reads standard input")
        if name is not None and name in specs.VALIDATORS and call.args and (checked := _variable(call.args[0])):
            return Value(links=frozenset({f"validates:{','.join(sorted(specs.VALIDATORS[name]))}:{checked}"}))
        if name is not None and name in specs.STORE_LOOKUPS:
            return CLEAN  # a record found by the input, not the input
        if method in specs.STORE_LOOKUP_METHODS and target.kind != "module" and not receiver.tainted and \
                isinstance(func, ast.Attribute):
            return CLEAN
        if name in ("markupsafe.Markup", "flask.Markup", "jinja2.Markup") and args and not args[0].tainted:
            return Value(ref=_MARKUP)  # markup the program wrote itself
        if name is not None and name in specs.RESPONSE_OBJECTS:
            carried = strip_constant(join_all(every_arg))
            if carried.tainted:
                carried = replace(carried.made_safe({"html", "xml"}), langs=frozenset())
            return replace(carried, ref="obj:http.Response")
        if name in ("importlib.import_module", "__import__", "builtins.__import__") and args and args[0].text:
            # the module itself: importlib.import_module("os").system is os.system
            module = args[0].text if name == "importlib.import_module" else args[0].text.split(".")[0]
            return Value(ref=module)
        if name is not None and name in specs.SANITIZERS and not (
                name in ("type", "builtins.type") and len(call.args) != 1) and not (  # type(n, b, ns): a class
                name in _DUNDER_CALLING and args and self._own_instance(args[0])):  # round(obj): obj.__round__()
            effect = specs.SANITIZERS[name]
            if name in ("urllib.parse.quote", "urllib.quote") and isinstance(effect, frozenset):
                effect = effect - _left_unquoted(call, args)
            if effect == "*":
                return CLEAN
            assert isinstance(effect, frozenset)
            result = strip_constant(join_all(args[:1] or every_arg))
            if not result.tainted:
                return CLEAN
            # Encoded or escaped text is plain data now, not markup or a URL of its own.
            return replace(result.escaped_for(effect), langs=frozenset()).step(line, f"passed through {name}")
        if (name is not None and name in specs.SOURCE_CALLS) or (
                method and f"*.{method}" in specs.SOURCE_CALLS):
            return tainted(_origin(name, method), line, f"{name if name else method}() returns untrusted input")
        if method is not None and method in specs.CLEAN_METHODS:
            return CLEAN
        if name is not None and name in specs.URL_PARSERS:
            result = strip_constant(join_all(every_arg))
            links = frozenset({"url:parsed"})
            if call.args and (arg_name := _variable(call.args[0])) is not None:
                links |= {arg_name} | args[0].links
                if args[0].tainted:  # the text is a URL: judged as one wherever it goes
                    state[arg_name] = replace(args[0], langs=args[0].langs | {"url"})
            return replace(result, langs=result.langs | {"url"}, links=links).step(line, f"parsed by {name}")
        if name in specs.PATH_NORMALIZERS or (method and f"*.{method}" in specs.PATH_NORMALIZERS):
            result = strip_constant(join_all([*every_arg, receiver]))
            return replace(result, links=result.links | {"path:normalized"})
        receiver_expr = func.value if isinstance(func, ast.Attribute) else None
        if method == "join" and receiver_expr is not None and receiver.text is not None and args:
            return self._build_text([receiver_expr, call.args[0]], [receiver, strip_constant(args[0])], line)
        if method in ("format", "format_map") and receiver.ref == _MARKUP:
            return replace(strip_constant(join_all(every_arg)).escaped_for({"html", "xml"}), ref=_MARKUP)
        if method in ("format", "format_map") and receiver_expr is not None:
            # in the order the text has them: "{}/{}".format(BASE, name) puts name under a directory
            pieces = _format_pieces(receiver.text, args, keywords) if method == "format" else None
            return self._build_text([receiver_expr, *call.args, *(k.value for k in call.keywords)],
                                    pieces or [receiver, *args, *keywords.values()], line)
        if method == "replace" and len(call.args) >= 2 and receiver_expr is not None:
            pattern = args[0].text
            result = self._build_text([receiver_expr, call.args[1]], [receiver, args[1]], line)
            if pattern is not None and specs.removes_line_breaks(pattern) and result.tainted:
                result = result.made_safe({"header"})
            return result
        if name == "re.sub" and len(call.args) >= 3:
            pattern = args[0].text
            result = strip_constant(join(args[1], args[2]))
            if pattern is not None and specs.removes_line_breaks(pattern) and result.tainted:
                result = result.made_safe({"header"})
            return result
        if name in ("getattr", "builtins.getattr") and len(call.args) >= 2 and \
                (key := _variable(call.args[1])) is not None:
            looked_up = strip_constant(join_all(every_arg))
            return replace(looked_up, links=looked_up.links | {f"lookup:{key}"})
        if name == "re.compile" and args and args[0].text is not None:
            flags = flags_of(call.args[1] if len(call.args) > 1 else _keyword(call, "flags"))
            return Value(ref="obj:re.Pattern", shape=inline_flags(flags) + args[0].text)
        if method == "split" and not call.args and receiver.tainted:
            # Split on whitespace: no piece holds a line break.
            return replace(strip_constant(receiver), langs=frozenset()).made_safe(specs.LINE_KINDS)
        if name in _PATH_MAKERS and len(call.args) == 1 and args[0].text is not None and not args[0].tainted:
            return constant(args[0].text)  # Path("/srv"): the path it names
        if name in _PATH_MAKERS and len(call.args) >= 2:  # Path(BASE, name): a name under a directory
            joined = strip_constant(join_all(every_arg))
            return replace(joined, langs=joined.langs | {"filepath"},
                           links=joined.links | ({f"{FILES}{args[0].text}"} if args[0].text else frozenset()))
        if name in ("os.path.relpath", "posixpath.relpath") and len(call.args) == 2 and \
                self._base_origins(call.args[1], state) == frozenset():
            relative = strip_constant(args[0])  # p as seen from a trusted BASE: a check of it checks p
            subject = _variable(call.args[0])
            return replace(relative, links=relative.links | {_RELATIVE, *([subject] if subject else [])})
        if name in specs.PATH_JOINERS:
            joined = strip_constant(join_all(every_arg))
            if len(call.args) == 1 and isinstance(call.args[0], ast.Starred):
                return joined  # join(*parts): every part, the directory too, is the caller's choice
            return replace(joined, langs=joined.langs | {"filepath"}).step(line, f"joined by {name}")
        if method in ("get", "pop") and receiver_expr is not None and not receiver.tainted:
            # A lookup in trusted data keyed by input gives trusted data (or the default).
            if isinstance(receiver_expr, ast.Name) and args:
                entry = self._read_slot(receiver_expr.id, args[0].text, state)
                if entry is not None:
                    return join(strip_constant(entry), strip_constant(args[1])) if len(args) > 1 else entry
            return strip_constant(args[1]) if len(args) > 1 else CLEAN
        if method is not None and method in specs.MUTATING_METHODS and receiver_expr is not None:
            incoming = join_all(every_arg)
            if incoming.tainted:
                self._fill(receiver_expr, incoming, state)
            if method == "setdefault":  # returns the entry: the default, or what was there
                return strip_constant(join_all([*args[1:2], receiver]))
            if method in ("add", "set", "setdefault") and isinstance(receiver_expr, ast.Attribute) and \
                    receiver_expr.attr == "headers" and len(args) >= 2:
                self._check_header_value(args[0].text, args[1], call)
            return CLEAN
        if method in ("render", "render_async") and specs.AUTOESCAPE in (receiver.ref or ""):
            rendered = strip_constant(join_all(every_arg))  # every value escaped into the page
            return rendered.escaped_for({"html", "xml"}) if rendered.tainted else rendered
        if name in ("str", "repr", "bytes", "bytearray", "list", "tuple", "set", "frozenset", "dict",
                    "sorted", "reversed", "iter", "next", "memoryview", "min", "max", "zip", "enumerate",
                    "filter", "map"):
            return strip_constant(join_all(every_arg))
        # Anything else: the result carries what went in (receiver included for methods), but
        # nobody vouches that escaping survived (``unquote(quote(x))``) unless a string method
        # that cannot undo it.
        result = strip_constant(join_all([*every_arg, receiver]))
        keeps = (method in specs.SAFETY_KEEPING_METHODS and receiver_expr is not None and not (
            method in ("strip", "lstrip", "rstrip") and call.args)) or name in specs.SAFETY_KEEPING_CALLS
        if not keeps:  # strip("'") takes shlex.quote's quotes off
            result = unsafe(result)
        if name in specs.DECODERS and result.tainted:  # new text: what was checked was the encoding
            result = replace(result, safe=frozenset(), escaped=frozenset(), confined_by=frozenset())
        if (name in _FILE_OPENERS or name in _PATH_MAKERS) and args and args[0].text is not None:
            result = replace(result, links=result.links | {f"{FILES}{args[0].text}"})  # names its file
        if name in _FILE_OPENERS or (method in _FILE_READ_METHODS and receiver_expr is not None):
            result = self._read_back(result)
        if rows.tainted:
            result = join(result, rows)
        # What a call returns is new text: only a method of a string keeps the string's language.
        return replace(result, langs=receiver.langs if receiver_expr is not None else frozenset())

    def _arguments(self, call: ast.Call, state: State) -> list[Value]:
        """The positional arguments' values; ``f(*pair)`` with a tuple of known items passes them
        one by one (``execute(*build(x))`` is ``execute(sql, params)``)."""
        args: list[Value] = []
        for arg in call.args:
            if isinstance(arg, ast.Starred):
                value = self._eval(arg.value, state)
                if value.elements is not None and arg is call.args[-1]:
                    args.extend(value.elements)
                else:
                    args.append(value)
            else:
                args.append(self._eval(arg, state))
        return args

    def _resolve(self, func: ast.expr, state: State, args: list[Value]) -> _Target:
        """What a call calls: a qualified name, a typed method, a local function or class, a lambda."""
        if isinstance(func, ast.Attribute):
            receiver = self._eval(func.value, state)
            callee = self._member(receiver, func.value, func.attr, getattr(func, "lineno", 0))
            kind = "unknown"
            if receiver.ref is not None and receiver.ref.startswith("obj:"):
                kind = "typed"
            elif callee.ref is not None and not callee.ref.startswith("*.") and not self._shadowed(func, state):
                kind = "module"
            if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") and \
                    self.function is not None and self.function.class_name is not None:
                own = self.module.by_qualname.get(f"{self.function.class_name}.{func.attr}")
                if own is not None:
                    return _Target(func.attr, func.attr, receiver, local=own, kind="local")
                field = self._eval(func, state)  # self.query = self.conn.execute: the field is the callable
                if field.ref is not None and not field.ref.startswith(("obj:", "*.")):
                    return self._target_from(field, replace(field, ref=None, bound=()), None, "unknown", state,
                                             args=args)
            target = self._target_from(callee, receiver, func.attr, kind, state)
            if target.local is None and self._local_method(func) is not None:
                target.local = self._local_method(func)
            if target.local is None and (receiver.ref or "").startswith("obj:"):
                # a method of the module's own class, called on an instance of it (db._run(q))
                own = self.module.by_qualname.get(f"{(receiver.ref or '')[4:]}.{func.attr}")
                if own is not None and own.is_method:
                    target.local = own
                elif (inherited := self._library_base((receiver.ref or "")[4:])) is not None:
                    # class Database(sqlite3.Connection): what it does not define, the base does
                    base = Value(ref=f"obj:{inherited}")
                    callee = self._member(base, func.value, func.attr, getattr(func, "lineno", 0))
                    return self._target_from(callee, receiver, func.attr, "typed", state)
            return target
        callee = self._eval(func, state)
        if isinstance(func, ast.Name) and callee.ref is None:
            name = self.module.qualname(func)
            local = self._local_target(func)
            return self._through_forwarder(_Target(name, None, CLEAN, local=local), args, state)
        # A bound method stored in a variable carries its receiver's data.
        receiver = replace(callee, ref=None, bound=(), bound_keywords=frozenset())
        return self._target_from(callee, receiver, None, "unknown", state, args=args)

    def _through_forwarder(self, target: _Target, args: list[Value], state: State) -> _Target:
        """``call(f, *a, **k)`` with ``def call(fn, *a, **k): return fn(*a, **k)`` calls f."""
        node = target.local.node if target.local is not None else None
        if not args or not isinstance(node, ast.FunctionDef) or not _forwarding_helper(node):
            return target
        inner = self._target_from(args[0], replace(args[0], ref=None, bound=()), None, "unknown", state)
        inner.drop_first = True
        return inner

    def _target_from(self, callee: Value, receiver: Value, method: str | None, kind: str, state: State,
                     args: list[Value] | None = None) -> _Target:
        ref = callee.ref or ""
        bound = callee.bound
        if ref.startswith("lambda:"):
            node = self.previous.lambdas.get(int(ref[7:])) or self.shared.lambdas.get(int(ref[7:]))
            return _Target(None, None, receiver, lambda_node=node, bound=bound)
        if ref.startswith("fn:"):
            target = _Target(ref[3:], None, receiver, local=self.module.by_qualname.get(ref[3:]), bound=bound)
            return self._through_forwarder(target, args or [], state)
        if ref.startswith("class:"):
            return _Target(ref[6:], None, receiver, local_class=ref[6:], bound=bound)
        if ref.startswith("methodcaller:"):
            # methodcaller("execute", q)(conn): conn.execute(q)
            first = (args or [CLEAN])[0]
            inner = self._target_from(self._member(first, None, ref[13:], 0), first, ref[13:],
                                      "typed" if (first.ref or "").startswith("obj:") else "unknown", state)
            inner.bound = bound
            inner.drop_first = True
            return inner
        if ref.startswith("*."):
            return _Target(None, ref[2:], receiver, bound=bound, bound_keywords=callee.bound_keywords)
        if ref:
            last = ref.rsplit(".", 1)[-1]
            typed = kind == "typed" or (method is None and (ref.startswith("dbapi.") or ("." in ref and
                                        ref.rsplit(".", 1)[0] in _TYPE_NAMES)))
            return _Target(ref, method or (last if typed else None), receiver, bound=bound,
                           bound_keywords=callee.bound_keywords, kind="typed" if typed else kind)
        return _Target(None, method, receiver, bound=bound)

    def _local_method(self, func: ast.Attribute) -> FunctionInfo | None:
        if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") and func.attr in self.module.by_name:
            return self.module.by_name[func.attr][0]
        return None

    def _is_request_handler(self, class_name: str) -> bool:
        node = self.module.classes.get(class_name)
        return node is not None and any(self.module.qualname(base) in specs.HANDLER_BASES for base in node.bases)

    def _shadowed(self, expr: ast.expr, state: State) -> bool:
        """Whether the root name of a dotted expression is a local variable, not the import."""
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        return isinstance(expr, ast.Name) and expr.id in state

    def _typed_result(self, call: ast.Call, name: str, receiver: Value, every_arg: list[Value],
                      state: State) -> Value:
        """An object of a known type: a connection, a cursor, a template, a parser, an archive."""
        type_name = specs.RETURNS[name]
        if type_name == "lxml.XMLParser" and _keyword_is(call, "resolve_entities", False):
            return Value(ref=f"obj:{specs.SAFE_XML_PARSER}")
        escapes = _autoescapes(call) if type_name == "jinja2.Environment" else \
            type_name == "jinja2.Template" and specs.AUTOESCAPE in (receiver.ref or "")
        if escapes:
            type_name += specs.AUTOESCAPE
        carried = strip_constant(join_all([*every_arg, receiver])) if type_name in _TAINT_KEEPING_TYPES else CLEAN
        return replace(carried, ref=f"obj:{type_name}")

    def _call_lambda(self, node: ast.Lambda, args: list[Value], keywords: dict[str | None, Value],
                     state: State) -> Value:
        if self._lambda_depth >= MAX_LAMBDA_DEPTH:
            return strip_constant(join_all([*args, *keywords.values()]))
        scope = dict(state)
        scope.update(self._defaults(node.args, state))  # parameters the call leaves out
        params = [a.arg for a in _lambda_params(node)]
        for param, value in zip(params, args, strict=False):
            scope[param] = value
        for key, value in keywords.items():
            if key is not None:
                scope[key] = value
        self._lambda_depth += 1
        try:
            return self._eval(node.body, scope)
        finally:
            self._lambda_depth -= 1

    def _local_target(self, func: ast.expr) -> FunctionInfo | None:
        if isinstance(func, ast.Name) and func.id in self.module.by_name and func.id not in self.module.imports:
            return self.module.by_name[func.id][0]
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") \
                and func.attr in self.module.by_name:
            return self.module.by_name[func.attr][0]
        return None

    def _captured(self, target: FunctionInfo, name: str, carried: Value) -> Value:
        """What a closure's free variable ``name`` (an enclosing function's parameter, by the
        origin ``param:name`` in its summary) holds at a call: called from inside its enclosing
        function, that function's own value for it; called through a function value a factory
        returned, the data the value carries from that factory's call."""
        scope = self.function
        while scope is not None:
            if scope is target.outer:
                return self.initial.get(name, CLEAN)
            scope = scope.outer
        by_name = dict(carried.captured)
        return by_name[name] if name in by_name else replace(carried, captured=())

    def _record_construction(self, class_name: str, init: FunctionInfo, call: ast.Call, args: list[Value],
                             keywords: dict[str | None, Value]) -> None:
        """What ``__init__``'s parameters were given here, joined over every construction."""
        given: dict[str, Value] = dict(zip(init.params, args, strict=False))
        given |= {k: v for k, v in keywords.items() if k is not None}
        if None in keywords or any(isinstance(a, ast.Starred) for a in call.args):
            spread = strip_constant(join_all([*args, *keywords.values()]))
            given = {p: join(given.get(p, spread), spread) for p in init.params}
        for param, value in given.items():
            self.shared.construct(class_name, param, value)

    def _apply_checks(self, checks: dict[str, tuple[frozenset[str], frozenset[str]]], call: ast.Call,
                      target: FunctionInfo, argument: Callable[[str], Value], state: State, line: int) -> None:
        """The caller's arguments are safe for what the callee proved of its parameters; a
        path confined to a base the callee was handed, as confined as this call's base."""
        for param, (kinds, confined_by) in checks.items():
            expr = _argument_expr(call, target, param)
            if expr is None:
                continue
            base = _confinement_at_call(confined_by, argument) if confined_by else frozenset()
            held = kinds - {"path"} if base is None else kinds
            if held == specs.ALL_KINDS and not base:
                self._validate(expr, state, None, line)
            elif held:
                self._validate(expr, state, held, line, base or frozenset())

    def _fill_declared_fields(self, class_name: str, call: ast.Call, args: list[Value],
                              keywords: dict[str | None, Value]) -> None:
        """A class whose ``__init__`` is generated from its declared fields (a dataclass, a
        NamedTuple, attrs, a pydantic model): the call's arguments go into those fields, by
        position in declaration order and by name; unpacked arguments may fill any of them."""
        node = self.module.classes.get(class_name)
        if node is None:
            return
        declared = [stmt.target.id for stmt in node.body
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)]
        if not declared:
            return
        unpacked = any(isinstance(a, ast.Starred) for a in call.args) or None in keywords
        if unpacked:
            spread = strip_constant(join_all([*args, *keywords.values()]))
            for name in declared:
                self.shared.write_field(class_name, name, spread)
            return
        for field_name, value in zip(declared, args, strict=False):
            self.shared.write_field(class_name, field_name, value)
        for keyword, value in keywords.items():
            if keyword in declared:
                self.shared.write_field(class_name, keyword, value)

    def _bind(self, target: FunctionInfo, args: list[Value], keywords: dict[str | None, Value]) -> dict[str, Value]:
        """The values a call gives ``target``'s parameters (``**kw`` may give any of them; one
        the call leaves out holds its default)."""
        bound: dict[str, Value] = dict(zip(target.params, args, strict=False))
        for key, value in keywords.items():
            if key is None:
                for name in target.params:
                    bound.setdefault(name, value)
            else:
                bound[key] = value
        for name, value in self.previous.defaults.get(target.qualname, {}).items():
            bound.setdefault(name, value)
        return bound

    def _apply_summary(self, target: FunctionInfo, call: ast.Call, args: list[Value],
                       keywords: dict[str | None, Value], line: int, captured: Value = CLEAN,
                       state: State | None = None) -> Value:
        summary = self.summaries.get(target.qualname)
        bound = self._bind(target, args, keywords)
        if summary is None:
            return strip_constant(join_all(bound.values()))

        def argument(param: str) -> Value:
            if param in bound or not target.nested or param in target.params:
                return bound.get(param, CLEAN)
            return self._captured(target, param, captured)  # a closure's free variable

        # Sinks inside the helper reached from its parameters: reported here, for this call
        # (an entry point's own parameter flows are reported inside it already).
        # A closure of an entry point reports what its captured variables reach itself (engine).
        reported_inside = self.module.captures_entry(target)
        # (Caller-path and confined hits are not reported inside an entry point: its callers'
        # data decides.)
        for hit in [h for h in summary.hits if h.caller_path or h.confined_by] if self.module.is_entry(target) \
                else summary.hits:
            confined_by: frozenset[str] = frozenset()
            if hit.confined_by:
                confined = _confinement_at_call(hit.confined_by, argument)
                if confined is not None and not confined:
                    continue  # under the trusted base this call passes
                confined_by = confined or frozenset()  # its base is its caller's again, or confines nothing
            params = [o.split(":", 1)[1] for o in hit.origins if o.startswith("param:")]
            if reported_inside:
                params = [p for p in params if p in target.params]
            value = join_all(argument(p) for p in params)
            if value.tainted and hit.kind not in (value.safe | hit.safe):
                if hit.kind in ("fetch", "redirect") and "url" in (value.safe | hit.safe):
                    continue
                trace = (*value.trace, TraceStep(line, f"passed to {target.name}()"), *hit.trace[1:])
                self._record(Hit(hit.kind, hit.line, hit.column, value.origins, value.safe,
                                 trace[: 2 * 12], hit.sink, hit.caller_path, confined_by), at_call=line)
        returned = summary.returns

        def at_call(returned: Value) -> Value:
            """What the helper returned, in terms of this call's arguments."""
            from_params = [argument(o.split(":", 1)[1]) for o in returned.origins if o.startswith("param:")]
            result = join_all(from_params) if from_params else CLEAN
            if returned.origins & REAL_SOURCES:
                result = join(result, replace(returned, origins=returned.origins & REAL_SOURCES, elements=None))
            # Another function's parameter, read from a module store (a global, a file) it filled:
            # kept as it is, as every reader of that store sees it.
            foreign = frozenset(o for o in returned.origins if o.startswith("param:")
                                and o[6:] not in target.params and not target.nested)
            if foreign:
                result = join(result, replace(returned, origins=foreign, elements=None))
            if result.tainted:
                result = replace(result, safe=result.safe | returned.safe, escaped=result.escaped | returned.escaped,
                                 langs=result.langs | returned.langs)
                if returned.confined_by and "path" in returned.safe:
                    # confined to a base the helper was handed: as confined as this call's base
                    confined = _confinement_at_call(returned.confined_by, argument)
                    result = replace(result, safe=result.safe - {"path"}) if confined is None else \
                        replace(result, confined_by=confined)
                result = result.step(line, f"returned by {target.name}()")
            elif returned.langs:
                result = replace(result, langs=returned.langs)
            result = strip_constant(result)
            if returned.elements is not None:  # a tuple: each item in terms of the arguments too
                result = replace(result, elements=tuple(at_call(item) for item in returned.elements))
            return result

        if state is not None:  # a validator returned: what it checked holds for these arguments
            self._apply_checks(summary.ensures, call, target, argument, state, line)
        for store, written in summary.stores.items():  # its writes to module stores, for this call
            if store.startswith(ARGUMENT):  # into an argument: the caller's container
                expr = _argument_expr(call, target, store[len(ARGUMENT):])
                if expr is not None and state is not None:
                    self._fill(expr, at_call(written), state)
            else:
                self._store(store, at_call(written))
        result = at_call(returned)
        if returned.ref is not None and returned.ref.startswith(("fn:", "lambda:")):
            # A function made in the helper (a factory's closure): it goes on being callable, and
            # carries the data the helper was called with, which its free variables may hold.
            carried = join(result, strip_constant(join_all(bound.values())))
            made_here = self.module.by_qualname.get(returned.ref[3:]) if returned.ref.startswith("fn:") else None
            if made_here is not None and made_here.outer is target:  # its free variables: these arguments
                carried = replace(carried, captured=tuple(sorted(bound.items())))
            result = replace(carried, ref=returned.ref, bound=returned.bound,
                             bound_keywords=returned.bound_keywords)
        return result

    def _through_files(self, call: ast.Call, name: str | None, method: str | None, func: ast.expr,
                       receiver: Value, args: list[Value], keywords: dict[str | None, Value]) -> None:
        """Data a program writes to a file, it may read back (a second-order flow): what any
        file write puts there, every file read of the module may return (``_read_back``)."""
        written: list[Value] = []
        file = CLEAN
        if method in _FILE_WRITE_METHODS and isinstance(func, ast.Attribute) and \
                self.module.qualname(func.value) not in ("sys.stdout", "sys.stderr"):
            written, file = args[:1], receiver
        elif name in _FILE_DUMPERS and len(args) >= 2:
            written, file = args[:1], args[1]
        elif name in ("print", "builtins.print") and keywords.get("file") is not None:
            written, file = args, keywords["file"]
        data = strip_constant(join_all(written)) if written else CLEAN
        if data.tainted:
            paths = [link for link in file.links if link.startswith(FILES)] or [f"{FILES}*"]
            for path in paths:  # the file's own path when the program named it, else any file
                self._store(path, data.step(call.lineno, "written to a file"))

    def _through_database(self, call: ast.Call, method: str | None, func: ast.expr, args: list[Value],
                          state: State) -> Value:
        """Input stored in a table comes back out of it (a second-order flow): a query with
        constant text that inserts or updates a table with tainted parameters fills that table's
        store; one that selects from it returns the store's data in its rows (the cursor it
        returns, and the cursor it ran on, are that data from then on)."""
        if method not in ("execute", "executemany") or not args or args[0].text is None:
            return CLEAN
        query = args[0].text
        written = _SQL_WRITE.match(query)
        if written is not None and len(args) > 1:
            self._store(f"{DATABASE}{written.group(1).lower()}", strip_constant(args[1]).step(
                call.lineno, f"stored in table {written.group(1)}"))
            return CLEAN
        if not _SQL_READ.match(query):
            return CLEAN
        writes = self.previous.global_writes
        stored = [writes[k] for k in (f"{DATABASE}{t.lower()}" for t in _SQL_TABLES.findall(query)) if k in writes]
        rows = strip_constant(join_all(stored)) if stored else CLEAN
        cursor = func.value if isinstance(func, ast.Attribute) else None
        if rows.tainted and isinstance(cursor, ast.Name) and cursor.id in state:
            held = state[cursor.id]
            state[cursor.id] = replace(join(held, rows), ref=held.ref)
        return rows

    def _read_back(self, value: Value) -> Value:
        """A file read returns what was written to that path, or to a file we could not name;
        a read of a path we cannot name, what was written anywhere."""
        writes = self.previous.global_writes
        paths = [link for link in value.links if link.startswith(FILES)]
        keys = [k for k in writes if k.startswith(FILES) and (not paths or k in paths or k == f"{FILES}*")]
        return join_all([value, *(writes[k] for k in keys)]) if keys else value

    def _check_runner(self, call: ast.Call, name: str | None, method: str | None, args: list[Value],
                      keywords: dict[str | None, Value], state: State) -> None:
        """``threading.Thread(target=os.system, args=(cmd,))``, ``executor.submit(os.system, cmd)``:
        a callable handed to something that calls it is judged as called with those arguments
        (a local function or lambda is analysed where it is defined)."""
        spec = _RUNNERS.get(name or "") or _RUNNERS.get(f"*.{method}" if method else "")
        if spec is None:
            return
        where, rest = spec
        fn = _keyword(call, where) if isinstance(where, str) else (
            call.args[where] if where < len(call.args) and not isinstance(call.args[where], ast.Starred) else None)
        if fn is None:
            return
        if isinstance(rest, (tuple, str)):  # packed: by keyword (or at a position)
            keyword, position = rest if isinstance(rest, tuple) else (rest, None)
            packed = _keyword(call, keyword) or (
                call.args[position] if position is not None and position < len(call.args) else None)
            value = self.eval(packed, state, quiet=True) if packed is not None else CLEAN
            run_args = list(value.elements) if value.elements is not None else ([value] if packed is not None else [])
            exprs = list(packed.elts) if isinstance(packed, (ast.Tuple, ast.List)) else []
        else:
            run_args, exprs = args[rest:], list(call.args[rest:])
        target = self._resolve(fn, state, run_args)
        if target.lambda_node is not None:
            return  # analysed where it is defined
        applied = ast.copy_location(ast.Call(func=fn, args=exprs or [ast.Constant(None)] * len(run_args), keywords=[]), call)
        if target.local is not None:  # the program's own function: its summary, for these arguments
            self._apply_summary(target.local, applied, [*target.bound, *run_args], {}, call.lineno,
                                captured=target.receiver, state=state)
            return
        self._check_sinks(applied, target, [*target.bound, *run_args], {}, state)

    def _check_interpreter(self, call: ast.Call, name: str, keywords: dict[str | None, Value], state: State) -> None:
        """``[sys.executable, "-c", code]`` runs code; ``["/bin/sh"]`` with ``input=`` runs the
        input as commands."""
        for elements in [list(call.args)] + [list(a.elts) for a in call.args if isinstance(a, (ast.List, ast.Tuple))]:
            texts = [self.eval(e, state, quiet=True).text if not isinstance(e, ast.Starred) else None for e in elements]
            for i, element in enumerate(elements):
                program = texts[i]
                base = program.replace("\\", "/").rsplit("/", 1)[-1] if program else ""
                interpreter = self.module.qualname(element) == "sys.executable" or re.fullmatch(
                    r"python[\d.]*(\.exe)?|pypy\d*", base) is not None
                if interpreter and i + 2 < len(elements) and texts[i + 1] == "-c":
                    code = self.eval(elements[i + 2], state, quiet=True)
                    if code.tainted and not code.is_safe_for("exec"):
                        self._hit("exec", call, code, f"{name} (-c)")
                if base in SHELLS and not any(_runs_a_command(t) for t in texts[i + 1:]):
                    fed = keywords.get("input")
                    if fed is not None and fed.tainted and not fed.is_safe_for("shell"):
                        self._hit("shell", call, fed, f"{name} (commands on standard input)")

    def _check_dispatched(self, call: ast.Call, table: str, args: list[Value], keywords: dict[str | None, Value],
                          state: State) -> None:
        """``actions[key](x)`` with ``actions = {"run": os.system, ...}``: any callable the table
        holds may be the one called, so each is judged as called with ``x``."""
        for slot in [k for k in state if k.startswith(f"{table}[")]:
            callee = state[slot]
            if callee.ref is not None and not callee.ref.startswith(("obj:", "lambda:", "fn:", "class:")):
                target = self._target_from(callee, replace(callee, ref=None, bound=()), None, "unknown", state)
                self._check_sinks(call, target, args, keywords, state)

    def _library_base(self, class_name: str) -> str | None:
        """The library type a class of the module extends (``sqlite3.Connection``), if it is one
        the analysis knows (an annotation type)."""
        node = self.module.classes.get(class_name)
        for base in node.bases if node is not None else ():
            known = specs.ANNOTATIONS.get(self.module.qualname(base) or "")
            if known is not None:
                return known
        return None

    def _own_instance(self, value: Value) -> bool:
        """An instance of a class the program defines (its dunder methods can return anything)."""
        return (value.ref or "").startswith("obj:") and (value.ref or "")[4:] in self.module.classes

    def _check_unbound_sink(self, call: ast.Call, method: str, args: list[Value],
                            keywords: dict[str | None, Value], state: State) -> None:
        """``sqlite3.Cursor.execute(cur, q)``: a method called through its class is the method of
        its first argument; judged as that call too (its value stays the class call's)."""
        receiver = args[0]
        kind = "typed" if (receiver.ref or "").startswith("obj:") else "unknown"
        target = self._target_from(self._member(receiver, call.args[0], method, call.lineno), receiver,
                                   method, kind, state)
        bound = ast.copy_location(ast.Call(func=ast.Attribute(value=call.args[0], attr=method, ctx=ast.Load()),
                                           args=list(call.args[1:]), keywords=call.keywords), call)
        self._check_sinks(bound, target, args[1:], keywords, state)

    def _setattr(self, call: ast.Call, args: list[Value], state: State) -> None:
        """``setattr(obj, "name", value)`` is ``obj.name = value``; under a name we cannot read,
        the object as a whole holds the value."""
        attr = args[1].text if args[1].text is not None and args[1].text.isidentifier() else None
        target = ast.copy_location(ast.Attribute(value=call.args[0], attr=attr or "_", ctx=ast.Store()), call)
        self._assign(target, args[2], state)
        if attr is None and isinstance(call.args[0], ast.Name) and args[2].tainted:
            name = call.args[0].id
            for slot in [k for k in state if k == name or k.startswith((f"{name}.", f"{name}["))]:
                state[slot] = join(state[slot], strip_constant(args[2]))
            state.setdefault(name, strip_constant(args[2]))
            self._fill_module_name(name, args[2])

    def _check_mapped_sink(self, call: ast.Call, state: State, iterables: list[Value]) -> None:
        """``map(conn.execute, queries)``: the callable is called on the iterables' items, so
        it is judged as a sink called with them (each item as tainted as its iterable)."""
        mapped = self._resolve(call.args[0], state, [])
        if mapped.lambda_node is not None or mapped.local is not None:
            return  # a lambda or local function: its body is analysed where it is defined
        items = [strip_constant(value) for value in iterables]
        applied = ast.copy_location(ast.Call(func=call.args[0], args=list(call.args[1:]), keywords=[]), call)
        self._check_sinks(applied, mapped, [*mapped.bound, *items], {}, state)

    def _check_sinks(self, call: ast.Call, target: _Target, args: list[Value],
                     keywords: dict[str | None, Value], state: State) -> None:
        if not self.reporting:
            return
        name, method, receiver = target.name, target.method, target.receiver
        shell = _shell_true(call, self.module) or "shell" in target.bound_keywords
        for sink in _sinks_for(name, method, target.kind):
            if sink.needs_tainted_receiver and not receiver.tainted:
                continue
            if sink.kind == "xxe" and not self._expands_entities(call, name or "", state):
                continue
            if sink.skip_if_type and _declares_non_html(call, sink.skip_if_type):
                continue
            if sink.needs_keyword and not any(kw.arg == sink.needs_keyword and _truthy(kw.value)
                                              for kw in call.keywords):
                continue
            if sink.unless_keyword and any(kw.arg == sink.unless_keyword and _truthy(kw.value)
                                           for kw in call.keywords):
                continue
            payload = self._shell_payload(call, state) if sink.kind == "shell" else None
            if sink.needs_shell and not shell and payload is None:
                continue
            values: list[Value] = [payload] if payload is not None else []
            if sink.method_receiver and sink.kind != "format":
                values.append(receiver)
            elif sink.method_receiver:
                if sink.kind == "format" and receiver.tainted and receiver.text is None:
                    exposed = [v for v in [*args, *keywords.values()] if not v.proxy and v.text is None]
                    if exposed:
                        values.append(receiver)
            elif sink.all_args:
                values += [*args, *keywords.values()]
            elif not sink.needs_shell or shell:
                values += [args[i] for i in sink.args if i < len(args)]
                values += [v for k, v in keywords.items() if k in sink.keywords]
            for value in values:
                if sink.needs_lang and sink.needs_lang not in value.langs:
                    continue
                if sink.wildcard_lang and target.kind == "module" and sink.wildcard_lang not in value.langs:
                    continue  # a module's own function of that name: only text in the sink's language
                if sink.kind == "path" and value.tainted and value.is_safe_for("path") and value.confined_by:
                    # judged at the calls, by the base they pass
                    self._hit("path", call, replace(value, safe=value.safe - {"path"}), name or f"*.{method}",
                              confined_by=value.confined_by)
                    break
                if sink.kind == "path":
                    caller_chose = _caller_chose(value)
                    if caller_chose is not None:  # judged at the calls, by what they pass
                        self._hit("path", call, caller_chose, name or f"*.{method}", caller_path=True)
                        break
                    if SOURCE not in value.origins and "filepath" not in value.langs:
                        continue  # a path the caller chose as a whole is the caller's decision
                if value.tainted and not value.is_safe_for(sink.kind):
                    self._hit(sink.kind, call, value, name or f"*.{method}")
                    break
        if name in specs.YAML_LOADS and args and not _safe_yaml(call, self.module) and \
                not args[0].is_safe_for("deserialize"):
            self._hit("deserialize", call, args[0], name or "yaml.load")
        if name in specs.ARCHIVE_UNPACKERS and args and args[0].tainted and call.args and \
                not any(kw.arg == "filter" for kw in call.keywords) and not _names_a_zip(call, self.module):
            self._hit("archive", call, args[0], name)
        if name in specs.ARCHIVE_EXTRACTORS and receiver.tainted and \
                not any(kw.arg in ("filter", "members") for kw in call.keywords):
            self._hit("archive", call, receiver, name or "extractall")
        if name in _REGEX_CALLS and args and args[0].text is None and args[0].shape is not None:
            problem = redos_problem(args[0].shape)
            if problem:
                self._hit("redos", call, replace(args[0], origins=frozenset()), f"{name} ({problem})")

    def _expands_entities(self, call: ast.Call, name: str, state: State) -> bool:
        if name == "xmltodict.parse":
            return _keyword_is(call, "disable_entities", False)
        if name.startswith("lxml."):
            parser = call.args[1] if len(call.args) > 1 else next(
                (kw.value for kw in call.keywords if kw.arg == "parser"), None)
            return parser is None or self.eval(parser, state, quiet=True).ref != f"obj:{specs.SAFE_XML_PARSER}"
        return True

    def _shell_payload(self, call: ast.Call, state: State) -> Value | None:
        """The command of a shell run with ``-c``: ``["sh", "-c", command]`` or ``["bash", "-eu",
        "-c", command]`` as an argument list (literal, or a variable bound once to one), or spread
        over the call's own arguments (``os.spawnlp(P_WAIT, "sh", "sh", "-c", command)``)."""
        sequences: list[list[ast.expr]] = [list(call.args)]
        for arg in call.args:
            if isinstance(arg, (ast.List, ast.Tuple)):
                sequences.append(list(arg.elts))
            elif isinstance(arg, ast.Name) and (bound := self._list_literal(arg.id)) is not None:
                sequences.append(bound)
        for elements in sequences:
            texts = [self.eval(e, state, quiet=True).text if not isinstance(e, ast.Starred) else None
                     for e in elements]
            shells = [i for i, t in enumerate(texts) if t is not None and t.replace("\\", "/").rsplit("/", 1)[-1] in SHELLS]
            for i in shells:
                for j in range(i + 1, len(elements) - 1):
                    if _runs_a_command(texts[j]):
                        return self.eval(elements[j + 1], state, quiet=True)
        return None

    def _list_literal(self, name: str) -> list[ast.expr] | None:
        """The items of the one list or tuple literal ``name`` is bound to in this body."""
        return self._body_facts()[1].get(name)

    def _hit(self, kind: str, node: ast.AST, value: Value, sink: str, caller_path: bool = False,
             confined_by: frozenset[str] = frozenset()) -> None:
        line = getattr(node, "lineno", 0)
        step = TraceStep(line, f"reaches {sink}" if sink != "returned" else "returned to the caller")
        self._record(Hit(kind, line, getattr(node, "col_offset", 0), value.origins, value.safe,
                         (*value.trace, step), sink, caller_path, confined_by))

    def _record(self, hit: Hit, at_call: int | None = None) -> None:
        self.hits.append(hit if at_call is None else replace(hit, line=at_call))


# --- helpers ----------------------------------------------------------------------------------


def _caller_chose(path: Value) -> Value | None:
    """The part of a path reaching a sink that only the function's callers can judge: a path
    handed in as a whole by parameter (``open(name)`` in a helper). None: nothing of the kind."""
    if not path.tainted:
        return None
    if path.is_safe_for("path"):
        return None
    if SOURCE in path.origins or "filepath" in path.langs:
        return None  # judged here
    handed = frozenset(o for o in path.origins if o.startswith("param:"))
    return replace(path, origins=handed) if handed else None


def _confinement(base: Value) -> frozenset[str] | None:
    """What a path checked to lie under ``base`` is confined by: nothing (a trusted base), the
    parameters the base comes from (a helper's ``base``: trusted where its caller's is), or None
    where the base holds data from outside (no confinement at all). Every absolute path lies
    under "/" and starts with "": such a base confines nothing."""
    if base.text is not None and not base.text.strip("/\\"):
        return None
    if not base.tainted or (base.is_safe_for("path") and not base.confined_by):
        return frozenset()  # trusted, or input checked to name a directory under a trusted one
    if base.origins and all(o.startswith("param:") for o in base.origins) and "path" not in base.safe:
        return base.origins
    return None


def _confinement_at_call(confined_by: frozenset[str], argument: Callable[[str], Value]) -> frozenset[str] | None:
    """``_confinement`` of the base a call passes for the parameters a path was confined by."""
    return _confinement(join_all(argument(origin[6:]) for origin in confined_by))


def _checked(value: Value, kinds: frozenset[str], confined_by: frozenset[str]) -> Value:
    """``value`` after a check that made it safe for ``kinds``; a path check against a base the
    caller hands in holds only where that base is clean, and a check that holds outright (or held
    outright before) leaves no such condition."""
    if "path" not in kinds:
        return value.made_safe(kinds)
    if not confined_by:
        return replace(value.made_safe(kinds), confined_by=frozenset())
    if "path" in value.safe and not value.confined_by:
        return value.made_safe(kinds)
    return replace(value.made_safe(kinds), confined_by=value.confined_by | confined_by)


def _names_a_zip(call: ast.Call, module: ModuleInfo) -> bool:
    """``shutil.unpack_archive`` of a zip file (by its name or ``format="zip"``): zipfile drops
    absolute and parent parts of member names itself; only tar archives need a filter."""
    fmt = _keyword(call, "format") or (call.args[2] if len(call.args) > 2 else None)
    if fmt is not None:
        return isinstance(fmt, ast.Constant) and fmt.value == "zip"
    name: ast.expr | None = call.args[0]
    while name is not None:
        if isinstance(name, ast.Constant):
            return isinstance(name.value, str) and name.value.lower().endswith(".zip")
        if isinstance(name, ast.JoinedStr) and name.values:
            name = name.values[-1]
        elif isinstance(name, ast.BinOp) and isinstance(name.op, ast.Add):
            name = name.right
        elif isinstance(name, ast.Call) and module.qualname(name.func) in specs.PATH_JOINERS and name.args:
            name = name.args[-1]
        else:
            return False
    return False


def _raises(node: ast.AST | None, returning: frozenset[str]) -> bool:
    """A statement that leaves its function by raising (or ending the process)."""
    return isinstance(node, ast.Raise) or (isinstance(node, ast.stmt) and never_returns(node, returning))


# The link of a path made relative to a trusted base (``os.path.relpath(p, BASE)``).
_RELATIVE = "path:relative"

# What an XML element found in a tree holds: text from the document.
_ELEMENT_PARTS = frozenset({"text", "tail", "attrib"})

_SINKS_BY_NAME: dict[str, list[specs.Sink]] = {}
for _sink in specs.SINKS:
    _SINKS_BY_NAME.setdefault(_sink.name, []).append(_sink)


def _basic_blocks(cfg: CFG) -> dict[int, list[int]]:
    """First node -> the chain of nodes it starts: a node joins its predecessor's block when it is
    that predecessor's only successor, reached by a plain edge, and has no other predecessor."""
    preds = cfg.predecessors()
    succs = cfg.successors()

    def starts_block(index: int) -> bool:
        incoming = preds[index]
        if index in (cfg.entry, cfg.exit) or len(incoming) != 1:
            return True
        edge = incoming[0]
        return edge.condition is not None or edge.loop_check is not None or len(succs[edge.source]) != 1 \
            or edge.source == index
    starts = [node.index for node in cfg.nodes if starts_block(node.index)]
    start_set = set(starts)
    blocks: dict[int, list[int]] = {}
    for start in starts:
        chain = [start]
        current = start
        while len(succs[current]) == 1:
            following = succs[current][0].target
            if following in start_set or following in chain:
                break
            chain.append(following)
            current = following
        blocks[start] = chain
    return blocks


def _sinks_for(name: str | None, method: str | None, kind: str) -> list[specs.Sink]:
    found = list(_SINKS_BY_NAME.get(name, ())) if name is not None else []
    if method is not None and kind in ("unknown", "module"):
        found += _SINKS_BY_NAME.get(f"*.{method}", ())
    return found


_KEYS_SAFE = "keys-checked:"  # a link on a mapping whose keys passed a check (for the kinds after it)


def _with_key(value: Value, key: Value) -> Value:
    """What ``d[key] = value`` puts into ``d``: the value, and the key its iteration yields."""
    return join(strip_constant(value), strip_constant(key)) if key.tainted else value


def _unchecked_keys(value: Value) -> Value:
    """A mapping something was put into: a key added after the check was never checked."""
    marks = frozenset(link for link in value.links if link.startswith(_KEYS_SAFE))
    return replace(value, links=value.links - marks) if marks else value


def _element(iterable_expr: ast.expr, iterable: Value) -> Value:
    """What iterating ``iterable_expr`` gives: its data, and the keys' safety where its keys passed
    a check (``for k in d`` or ``d.keys()``; not ``.values()`` or ``.items()``)."""
    element = strip_constant(iterable)
    keys = isinstance(iterable_expr, ast.Name) or (
        isinstance(iterable_expr, ast.Call) and isinstance(iterable_expr.func, ast.Attribute)
        and iterable_expr.func.attr == "keys")
    marks = [link[len(_KEYS_SAFE):] for link in iterable.links if link.startswith(_KEYS_SAFE)]
    if not keys or not marks or not element.tainted:
        return element
    if "*" in marks:
        return CLEAN
    return element.made_safe(frozenset().union(*(m.split(",") for m in marks)))


def _unescaped_in_template(template: str) -> bool:
    """A Jinja template that places values unescaped: the ``safe`` filter, autoescape off."""
    return bool(re.search(r"\|\s*safe\b", template)) or bool(re.search(r"autoescape\s+false", template, re.I))


# Callables that call a function they are handed: where it is (a position or keyword), and where
# its arguments are (from a position on; a keyword holding them packed; or packed, by keyword or
# at a position).
_RUNNERS: dict[str, tuple[int | str, int | str | tuple[str, int]]] = {
    "threading.Thread": ("target", "args"), "multiprocessing.Process": ("target", "args"),
    "threading.Timer": (1, ("args", 2)), "atexit.register": (0, 1), "weakref.finalize": (1, 2),
    "*.enter": (2, ("argument", 3)), "*.enterabs": (2, ("argument", 3)),  # sched
    "asyncio.to_thread": (0, 1), "*.submit": (0, 1), "*.run_in_executor": (1, 2), "*.call_soon": (0, 1),
    "*.call_soon_threadsafe": (0, 1), "*.apply_async": (0, "args"),
}
# Built-ins that call a dunder method of their argument (``round(x)`` is ``x.__round__()``).
_DUNDER_CALLING = frozenset({"round", "abs", "math.floor", "math.ceil", "math.trunc", "int", "float", "len",
                             "hash", "bool"})


def _left_unquoted(call: ast.Call, args: list[Value]) -> frozenset[str]:
    """The kinds ``urllib.parse.quote`` leaves open through its ``safe`` characters ("/" by default:
    ``../../etc/passwd`` comes out unchanged)."""
    given = args[1] if len(args) > 1 else None
    keyword = _keyword(call, "safe")
    safe = given.text if given is not None else ("/" if keyword is None else None)
    if keyword is not None and isinstance(keyword, ast.Constant) and isinstance(keyword.value, str):
        safe = keyword.value
    if safe is None:
        return frozenset({"path", "shell", "html", "xml", "header"})
    kept = kinds_safe_with(safe)  # what text made of the safe characters cannot subvert
    opened = frozenset() if kept is None else frozenset({"path", "shell", "html", "xml", "header"}) - kept
    # A quoted value is a URL component: "/" does not open it, only a scheme or host would (':', '@').
    return opened | ({"url"} if set(safe) & set(":@\\") else frozenset())


def _restricted(element: Value, kinds: frozenset[str] | None) -> Value:
    """A checked element's safety, limited to ``kinds`` (None: no limit)."""
    if kinds is None:
        return element
    if not element.tainted:  # checked safe for everything: now for these kinds only
        return replace(tainted(SOURCE, 0, "element"), safe=kinds)
    return replace(element, safe=element.safe & kinds)


def _shell_quoting_in_context(values: list[Value]) -> list[Value]:
    """Pieces quoted for a shell (``shlex.quote``) lose that where the text before them left a
    quote open: inside ``"..."`` the quotes it adds are literal and ``$(...)`` still runs, and
    inside ``'...'`` they close and reopen the string around the bare text."""
    if not any("shell" in v.escaped for v in values):
        return values
    out = []
    quote = ""  # the quote open at this point of the text: "", "'" or '"'
    for value in values:
        if quote and value.tainted and "shell" in value.escaped:
            value = replace(value, safe=value.safe - {"shell"}, escaped=value.escaped - {"shell"})
        out.append(value)
        escaped = False
        for char in value.text or "":
            if escaped:
                escaped = False
            elif char == "\\" and quote != "'":
                escaped = True
            elif char in "'\"" and quote in ("", char):
                quote = "" if quote == char else char
    return out


def _languages_of(template: str) -> Value:
    """A piece of no text that carries the languages the whole template is written in (split
    into pieces, ``<{0}>`` no longer reads as HTML)."""
    return Value(langs=frozenset(specs.text_languages(template)), shape="")


def _format_pieces(template: str | None, args: list[Value], keywords: dict[str | None, Value]) -> list[Value] | None:
    """``template.format(...)``'s pieces in text order (None when the template cannot be read)."""
    if template is None:
        return None
    pieces: list[Value] = [_languages_of(template)]
    auto = 0
    try:
        for literal, field_name, _spec, _conversion in string.Formatter().parse(template):
            if literal:
                pieces.append(constant(literal))
            if field_name is None:
                continue
            head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
            if head == "":
                value, auto = args[auto], auto + 1
            elif head.isdigit():
                value = args[int(head)]
            else:
                value = keywords[head]
            pieces.append(value if head == field_name else strip_constant(value))
    except (ValueError, IndexError, KeyError):
        return None
    return pieces


_PRINTF = re.compile(r"%(?:\((\w+)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsab%])")


def _printf_pieces(template: str | None, operand: Value) -> list[Value] | None:
    """``template % operand``'s pieces in text order: ``"%s/%s" % (BASE, name)``."""
    if template is None:
        return None
    values = list(operand.elements) if operand.elements is not None else [operand]
    pieces: list[Value] = [_languages_of(template)]
    position, index = 0, 0
    for match in _PRINTF.finditer(template):
        if match.start() > position:
            pieces.append(constant(template[position:match.start()]))
        position = match.end()
        if match.group(2) == "%":
            pieces.append(constant("%"))
            continue
        if match.group(1) is not None:
            return None  # by name, from a mapping
        if index >= len(values):
            return None
        pieces.append(values[index])
        index += 1
    if position < len(template):
        pieces.append(constant(template[position:]))
    return pieces if index == len(values) else None


def _runs_a_command(flag: str | None) -> bool:
    """``-c`` and its spellings: ``-lc``, ``-euc``, ``/c``, PowerShell's ``-Command``."""
    if flag is None:
        return False
    if flag in ("/c", "/C", "-Command", "-command", "--command"):
        return True
    return flag.startswith("-") and not flag.startswith("--") and "c" in flag[1:] and flag[1:].isalpha()


def _shell_true(call: ast.Call, module: ModuleInfo | None = None) -> bool:
    for kw in call.keywords:
        if kw.arg == "shell":
            return not (isinstance(kw.value, ast.Constant) and not kw.value.value)
        options = kw.value
        if kw.arg is None and isinstance(options, ast.Name) and module is not None:
            options = module.constants.get(options.id, options)  # **OPTIONS defined at module level
        if kw.arg is None and isinstance(options, ast.Dict):  # **{"shell": True}
            for key, value in zip(options.keys, options.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "shell":
                    return _truthy(value)
    return False


def _truthy(expr: ast.expr) -> bool:
    return not (isinstance(expr, ast.Constant) and not expr.value)


def _declares_non_html(call: ast.Call, keywords: tuple[str, ...]) -> bool:
    """``HttpResponse(text, content_type="text/plain")``: the body is not markup."""
    for kw in call.keywords:
        if kw.arg in keywords and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
            return bool(specs.NON_HTML_CONTENT.match(kw.value.value.strip().lower()))
    return False


def _keyword_is(call: ast.Call, keyword: str, value: object) -> bool:
    return any(kw.arg == keyword and isinstance(kw.value, ast.Constant) and kw.value.value is value
               for kw in call.keywords)


def _autoescapes(call: ast.Call) -> bool:
    for kw in call.keywords:
        if kw.arg == "autoescape":
            return _truthy(kw.value)
    return False


def _is_structured(expr: ast.expr | None) -> bool:
    """A dict or list returned from a view is serialised as JSON, not sent as HTML; a body returned
    with headers that declare a non-HTML content type is not HTML either."""
    if isinstance(expr, ast.Tuple) and expr.elts:
        for part in expr.elts[1:]:
            if isinstance(part, ast.Dict) and any(
                    isinstance(k, ast.Constant) and str(k.value).lower() == "content-type" and
                    isinstance(v, ast.Constant) and isinstance(v.value, str) and
                    specs.NON_HTML_CONTENT.match(v.value.strip().lower())
                    for k, v in zip(part.keys, part.values, strict=True)):
                return True
        expr = expr.elts[0]
    return isinstance(expr, (ast.Dict, ast.List, ast.DictComp, ast.ListComp)) or expr is None


def _as_bound_call(call: ast.Call) -> ast.Call | None:
    """The plain form of a call that goes around the usual syntax: ``f.__call__(x)`` is ``f(x)``,
    ``type(obj).m(obj, x)`` is ``obj.m(x)``."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr == "__call__":
        return ast.copy_location(ast.Call(func=func.value, args=call.args, keywords=call.keywords), call)
    owner = func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "type" \
            and len(owner.args) == 1 and call.args and not isinstance(call.args[0], ast.Starred):
        method = ast.Attribute(value=call.args[0], attr=func.attr, ctx=ast.Load())
        return ast.copy_location(ast.Call(func=method, args=call.args[1:], keywords=call.keywords), call)
    return None


def _names_a_class(qualname: str | None) -> bool:
    """``sqlite3.Cursor``, ``subprocess.Popen``: an imported module's class (last part capitalised)."""
    return qualname is not None and "." in qualname and qualname.rsplit(".", 1)[1][:1].isupper()


def _sums_sequences(call: ast.Call) -> bool:
    """``sum(parts, [])`` concatenates; a sum with no start, or a numeric one, is a number."""
    start = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "start"), None)
    return start is not None and not (isinstance(start, ast.Constant) and isinstance(start.value, (int, float)))


def _root_name(expr: ast.expr) -> str | None:
    """The variable a container expression starts from: ``rows`` for ``rows[0]['k'].items``."""
    while isinstance(expr, (ast.Attribute, ast.Subscript, ast.Starred)):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _self_attribute(field: str) -> ast.Attribute:
    return ast.Attribute(value=ast.Name(id="self", ctx=ast.Load()), attr=field, ctx=ast.Load())


def _self_field(expr: ast.expr) -> str | None:
    """``opts`` for ``self.opts``, ``self.opts[k]``, ``self.opts.x``: the field a fill goes into."""
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls"):
            return expr.attr
        expr = expr.value
    return None


def _argument_expr(call: ast.Call, target: FunctionInfo, param: str) -> ast.expr | None:
    """The expression a call passes for ``param`` of ``target`` (None when it cannot be told)."""
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    params = target.params
    if param not in params:
        return None
    index = params.index(param)  # a method's parameters leave out self/cls
    args = call.args
    if 0 <= index < len(args) and not any(isinstance(a, ast.Starred) for a in args[: index + 1]):
        return args[index]
    return None


def _widened(state: State, before: State | None) -> State:
    """A loop that has not settled after MAX_VISITS passes: each variable still changing joins
    the data of all of them (a sound stand-in for the iterations not run)."""
    moving = [name for name, value in state.items()
              if before is None or name not in before or before[name].key() != value.key()]
    spread = join_all(strip_constant(state[name]) for name in moving if state[name].tainted)
    if not spread.tainted:
        return state
    return {name: join(value, spread) if name in moving else value for name, value in state.items()}


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _constant_index(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return int(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) is int:
        return -int(node.operand.value)
    return None


def _free_names(node: ast.Lambda) -> bool:
    """Whether a lambda reads a name other than its parameters (a captured variable)."""
    params = {a.arg for a in _lambda_params(node)}
    return any(isinstance(n, ast.Name) and n.id not in params for n in ast.walk(node.body))


def _lambda_params(node: ast.Lambda) -> list[ast.arg]:
    args = node.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs,
            *([args.vararg] if args.vararg else []), *([args.kwarg] if args.kwarg else [])]


def _decorator_names(module: ModuleInfo, function: FunctionInfo) -> list[tuple[str, str]]:
    """(attribute, qualified name) of each decorator: ("route", "app.route")."""
    out = []
    for decorator in function.node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        attr = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        out.append((attr, module.qualname(func) or ""))
    return out


def _imports_framework(module: ModuleInfo, framework: str) -> bool:
    return any(q == framework or q.startswith(framework + ".") for q in module.imports.values())


def _view_kind(module: ModuleInfo, function: FunctionInfo) -> str | None:
    """"flask"/"fastapi"/"web" for a routed view, "django" for a Django view taking ``request``."""
    for attr, _ in _decorator_names(module, function):
        if attr in specs.VIEW_DECORATORS:
            for framework in ("flask", "fastapi", "starlette", "django", "rest_framework"):
                if _imports_framework(module, framework):
                    return "flask" if framework == "flask" else "django" if framework in (
                        "django", "rest_framework") else "fastapi"
            return "web"
    if function.params and function.params[0] == "request" and (
            _imports_framework(module, "django") or _imports_framework(module, "rest_framework")):
        return "django"
    return None


def _cli_command(module: ModuleInfo, function: FunctionInfo) -> bool:
    return any(attr in specs.CLI_DECORATORS and (q.startswith("click.") or ".command" in q or q.startswith("typer"))
               for attr, q in _decorator_names(module, function)) and (
        _imports_framework(module, "click") or _imports_framework(module, "typer"))


def _annotation_type(module: ModuleInfo, function: FunctionInfo | None, param: str) -> str | None:
    """``obj:<type>`` for a parameter annotated with a known type, "source" for a request object."""
    if function is None:
        return None
    args = function.node.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.arg != param or arg.annotation is None:
            continue
        annotation = arg.annotation
        if isinstance(annotation, ast.Subscript):  # Optional[Cursor], Annotated[...]
            annotation = annotation.slice if not isinstance(annotation.slice, ast.Tuple) else annotation.slice.elts[0]
        name = module.qualname(annotation) or ""
        if name in ("fastapi.Request", "starlette.requests.Request", "django.http.HttpRequest",
                    "django.http.request.HttpRequest", "flask.Request", "rest_framework.request.Request"):
            return "source"
        if name in specs.ANNOTATIONS:
            return f"obj:{specs.ANNOTATIONS[name]}"
        if name in module.classes:
            return f"obj:{name}"
    return None


def _safe_yaml(call: ast.Call, module: ModuleInfo) -> bool:
    loaders = [kw.value for kw in call.keywords if kw.arg == "Loader"] + call.args[1:2]
    for loader in loaders:
        name = module.qualname(loader) or ""
        if name.rsplit(".", 1)[-1] in specs.SAFE_YAML_LOADERS:
            return True
    return False


def _variable(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return f"self.{expr.attr}"  # a field, tracked per attribute in the state
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("str", "int") and expr.args:
        return _variable(expr.args[0])
    return None


def _host_of(expr: ast.expr) -> ast.expr | None:
    """``parsed`` for ``parsed.netloc`` / ``parsed.hostname``."""
    if isinstance(expr, ast.Attribute) and expr.attr in specs.URL_HOST_ATTRIBUTES:
        return expr.value
    return None


def _link_is_parsed(state: State, link: str) -> bool:
    return link in state and "url:parsed" in state[link].links


def _is_separator(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value in ("/", "\\", "..", os.sep)


def _commonpath_members(expr: ast.expr, module: ModuleInfo) -> list[ast.expr]:
    if isinstance(expr, ast.Call) and module.qualname(expr.func) in ("os.path.commonpath", "posixpath.commonpath") \
            and expr.args and isinstance(expr.args[0], (ast.List, ast.Tuple)):
        return list(expr.args[0].elts)
    return []


def _origin(name: str | None, method: str | None = None) -> str:
    if name in specs.CLI_SOURCES or (method is not None and f"*.{method}" in specs.CLI_SOURCES):
        return CLI
    return SOURCE


def _is_stdin_fd(expr: ast.expr) -> bool:
    """Descriptor 0, written as a number, as standard input's ``fileno()`` or as its path."""
    if isinstance(expr, ast.Constant):
        if isinstance(expr.value, str):
            return expr.value in ("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")
        return expr.value == 0 and not isinstance(expr.value, bool)
    return (isinstance(expr, ast.Call) and not expr.args and isinstance(expr.func, ast.Attribute)
            and expr.func.attr == "fileno" and ast.unparse(expr.func.value) in ("sys.stdin", "sys.__stdin__"))


def _is_line_break(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value in ("\n", "\r", "\r\n")


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _numeric_types(expr: ast.expr) -> bool:
    names = [e for e in (expr.elts if isinstance(expr, ast.Tuple) else [expr])]
    return bool(names) and all(isinstance(n, ast.Name) and n.id in ("int", "float", "bool", "complex")
                               for n in names)


def _walks_tree(expr: ast.expr, module: ModuleInfo) -> ast.expr | None:
    """``tree`` for ``ast.walk(tree)``: structural validation of a parsed program."""
    if isinstance(expr, ast.Call) and module.qualname(expr.func) == "ast.walk" and expr.args:
        return expr.args[0]
    return None


def _mentions(expr: ast.expr, target: ast.expr) -> bool:
    names = {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(expr))

