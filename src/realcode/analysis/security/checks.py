"""Named checks for weaknesses that are not a flow from a source to a sink.

Each check is written from the weakness, using the program's structure (which names are module
state, which are parameters, which tests guard an action), never from identifiers or strings a
particular program happens to use — except for protocol vocabulary that is part of the weakness
itself (an HTTP ``Content-Type`` header, a CSRF token).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator

from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.security.context import Budget
from realcode.analysis.security.module import FunctionInfo, ModuleInfo
from realcode.analysis.security.regex import redos_problem

ANALYZER = "security"
WEAK_HASHES = frozenset({"md5", "sha1", "md4", "md2", "sha"})
WEAK_CIPHER_CALLS = frozenset({
    "Crypto.Cipher.DES.new", "Crypto.Cipher.DES3.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.ARC2.new", "Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.ARC4.new",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.primitives.ciphers.modes.ECB"})
# Weak hashes outside hashlib: the cryptography package's hash classes and PyCryptodome's modules.
WEAK_HASH_CALLS = frozenset({
    "cryptography.hazmat.primitives.hashes.MD5", "cryptography.hazmat.primitives.hashes.SHA1",
    *(f"{package}.Hash.{name}.new" for package in ("Crypto", "Cryptodome") for name in ("MD5", "MD4", "MD2", "SHA",
                                                                                      "SHA1"))})
JWT_DECODERS = frozenset({"jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode"})
REGEX_CALLS = frozenset({"re.compile", "re.match", "re.search", "re.fullmatch", "re.findall", "re.finditer",
                         "re.sub", "re.subn", "re.split"})
MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "put", "put_nowait",
                      "appendleft", "remove", "pop", "popitem", "clear", "discard"})
GROWERS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "put", "put_nowait",
                     "appendleft", "extendleft"})
REQUEST_PARTS = frozenset({"headers", "body", "form", "json", "data", "cookies", "POST", "args", "values",
                           "get_json", "files"})
SIGNATURE_WORDS = frozenset({"sig", "sign", "signature", "signed", "mac", "hmac", "checksum", "digest"})
_CSRF = re.compile(r"csrf|xsrf", re.IGNORECASE)
_CONTENT_TYPE = re.compile(r"content[-_]type", re.IGNORECASE)


def _finding(rule: str, cwe: int, severity: Severity, message: str, node: ast.AST, path: str) -> Finding:
    return Finding(rule_id=f"{ANALYZER}/{rule}", analyzer=ANALYZER, category=Category.SECURITY,
                   severity=severity, message=message, line=getattr(node, "lineno", 1),
                   column=getattr(node, "col_offset", 0), cwe=cwe, confidence="medium", path=path)


def run_checks(module: ModuleInfo, path: str, budget: Budget | None = None) -> list[Finding]:
    findings: list[Finding] = []
    findings += _weak_crypto(module, path)
    findings += _regex_backtracking(module, path)
    stores = _module_stores(module)
    for info in module.functions:
        if not module.is_entry(info):
            continue
        if budget is not None:
            budget.spend(len(info.node.body))
        scope = _FunctionScope(info, stores)
        for check in _FUNCTION_CHECKS:
            findings += check(module, scope, path)
    return findings


# --- module-wide checks ---------------------------------------------------------------------------


def _weak_crypto(module: ModuleInfo, path: str) -> Iterator[Finding]:
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        name = module.qualname(node.func) or ""
        if any(kw.arg == "usedforsecurity" and isinstance(kw.value, ast.Constant) and kw.value.value is False
               for kw in node.keywords):
            continue  # declared not for security (a checksum, a cache key)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "SetParamEntityParsing" and node.args and \
                (module.qualname(node.args[0]) or "").endswith(("PARSING_ALWAYS", "PARSING_UNLESS_STANDALONE")):
            yield _finding("xxe", 611, Severity.HIGH, "XML parser told to expand external parameter entities",
                           node, path)
            continue
        if name in JWT_DECODERS and _jwt_unverified(node):
            yield _finding("jwt-unverified", 347, Severity.HIGH,
                           "JWT decoded without verifying its signature", node, path)
            continue
        algorithm = None
        if name.startswith("hashlib.") and name.split(".", 1)[1] in WEAK_HASHES:
            algorithm = name.split(".", 1)[1]
        elif name in ("hashlib.new", "hmac.new", "hmac.digest"):
            position = 0 if name == "hashlib.new" else 2
            arg = node.args[position] if len(node.args) > position else next(
                (kw.value for kw in node.keywords if kw.arg in ("name", "digestmod")), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.lower() in WEAK_HASHES:
                algorithm = arg.value
            elif arg is not None:
                chosen = module.qualname(arg) or ""
                if chosen.startswith("hashlib.") and chosen.split(".", 1)[1] in WEAK_HASHES:
                    algorithm = chosen.split(".", 1)[1]
        elif name in WEAK_HASH_CALLS or name in WEAK_CIPHER_CALLS:
            algorithm = name.rsplit(".", 2)[-2] if name.endswith(".new") else name.rsplit(".", 1)[-1]
        if algorithm:
            yield _finding("weak-crypto", 327, Severity.MEDIUM,
                           f"weak cryptographic algorithm {algorithm}", node, path)


def _jwt_unverified(call: ast.Call) -> bool:
    """``verify_signature: False`` in options, ``verify=False`` (PyJWT 1), or the ``none`` algorithm."""
    for kw in call.keywords:
        value = kw.value
        if kw.arg == "verify" and isinstance(value, ast.Constant) and value.value is False:
            return True
        if kw.arg == "options" and isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "verify_signature" and \
                        isinstance(item, ast.Constant) and item.value is False:
                    return True
        if kw.arg == "algorithms" and isinstance(value, (ast.List, ast.Tuple)) and any(
                isinstance(e, ast.Constant) and str(e.value).lower() == "none" for e in value.elts):
            return True
    return False


def _regex_backtracking(module: ModuleInfo, path: str) -> Iterator[Finding]:
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call) or (module.qualname(node.func) or "") not in REGEX_CALLS:
            continue
        pattern = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "pattern"), None)
        text = _constant_text(module, pattern)
        if text is None:
            continue
        problem = redos_problem(text)
        if problem:
            yield _finding("redos", 1333, Severity.MEDIUM, f"regular expression {text!r}: {problem}", node, path)


def _constant_text(module: ModuleInfo, node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in module.constants:
        return _constant_text(module, module.constants[node.id])
    return None


def _module_stores(module: ModuleInfo) -> set[str]:
    """Module-level names holding mutable state (dicts, lists, queues...) shared across calls."""
    stores: set[str] = set()
    for stmt in module.tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.Call)):
                stores |= {t.id for t in targets if isinstance(t, ast.Name)}
    return stores


# --- per-function checks --------------------------------------------------------------------------


class _FunctionScope:
    """Facts about one entry function the checks share: parameters and what derives from them."""

    def __init__(self, info: FunctionInfo, stores: set[str]) -> None:
        self.info = info
        self.node = info.node
        self.params = set(info.params)
        self.nodes: list[ast.AST] = list(ast.walk(self.node))  # walked once, read by every check
        local_names = {n.id for n in self.nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        self.loaded = {n.id for n in self.nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        self.stores = stores - local_names
        self.derived = set(self.params)  # names whose value comes from a parameter
        self.from_store: set[str] = set()  # names holding a record read from module state
        for _ in range(3):
            for node in self.nodes:
                if isinstance(node, ast.Assign):
                    used = _names(node.value)
                    targets = {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                    if used & self.derived:
                        self.derived |= targets
                    if used & (self.stores | self.from_store):
                        self.from_store |= targets
                elif isinstance(node, (ast.For, ast.comprehension)) and _names(node.iter) & self.derived:
                    self.derived |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in self.nodes:
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def guards(self, node: ast.AST) -> list[ast.expr]:
        """Tests that must have been passed to reach ``node``: enclosing ifs, and earlier
        ``if ...: raise/return`` statements in any enclosing block."""
        tests: list[ast.expr] = []
        current: ast.AST = node
        while current is not self.node and current in self.parents:
            parent = self.parents[current]
            if isinstance(parent, (ast.If, ast.While)) and current is not parent.test:
                tests.append(parent.test)
            for field_name in ("body", "orelse", "finalbody"):
                block = getattr(parent, field_name, None)
                if isinstance(block, list) and current in block:
                    for earlier in block[: block.index(current)]:
                        if isinstance(earlier, ast.If) and (_abrupt(earlier.body) or _abrupt(earlier.orelse)):
                            tests.append(earlier.test)
            current = parent
        return tests

    def is_existence_check(self, compare: ast.Compare) -> bool:
        """``key in STORE`` / ``key in STORE["users"]``: the record exists, nothing about who asks."""
        if not isinstance(compare.ops[0], (ast.In, ast.NotIn)):
            return False
        root, keys = self.store_root(compare.comparators[0])
        return root is not None and not any(_names(k) & self.derived for k in keys)

    def store_root(self, expr: ast.expr) -> tuple[str | None, list[ast.expr]]:
        """The module store an access goes into, and its subscript keys (outermost last)."""
        keys: list[ast.expr] = []
        while isinstance(expr, (ast.Subscript, ast.Attribute)):
            if isinstance(expr, ast.Subscript):
                keys.append(expr.slice)
            expr = expr.value
        if isinstance(expr, ast.Name) and expr.id in self.stores:
            return expr.id, keys
        return None, keys


def _names(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    return set(_names_of(node))


@functools.lru_cache(maxsize=1 << 16)
def _names_of(node: ast.AST) -> frozenset[str]:
    """Names under a node (cached: the checks ask about the same expressions many times)."""
    return frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name))


def _abrupt(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Raise, ast.Return, ast.Continue))


def _is_authorization_test(scope: _FunctionScope, test: ast.expr) -> bool:
    """A test relating the caller to protected state by identity or role: a parameter compared
    for equality or membership with a value read from the store, or with another parameter.
    Existence checks (``key in STORE``) and quantity checks (``balance < amount``) do not count."""
    for node in ast.walk(test):
        if not isinstance(node, ast.Compare) or not all(
                isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)) for op in node.ops):
            continue
        names = _names(node)
        params = names & scope.derived
        if not params:
            continue
        if scope.is_existence_check(node):
            continue
        if names & (scope.stores | scope.from_store) or len(params) >= 2:
            return True
    return False


def _is_empty_literal(expr: ast.expr) -> bool:
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return not expr.elts
    if isinstance(expr, ast.Dict):
        return not expr.keys
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and not expr.args and \
        expr.func.id in ("list", "dict", "set")


def _keyed_by_input(scope: _FunctionScope, keys: list[ast.expr]) -> bool:
    return any(_names(k) & scope.derived for k in keys)


def _protected_actions(scope: _FunctionScope) -> Iterator[tuple[ast.AST, str]]:
    """Reads and writes of records in module state selected by a caller-supplied key."""
    for node in scope.nodes:
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and _is_empty_literal(node.value):
                continue  # creating an empty slot is not yet an action on anyone's data
            for target in targets:
                if isinstance(target, ast.Subscript):
                    root, keys = scope.store_root(target)
                    if root is not None and _keyed_by_input(scope, keys):
                        yield node, f"writes {root}[...]"
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                root, keys = scope.store_root(target)
                if root is not None and _keyed_by_input(scope, keys):
                    yield node, f"deletes from {root}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            root, keys = scope.store_root(node.func.value)
            arg_names = set().union(*(_names(a) for a in node.args)) if node.args else set()
            if root is not None and (_keyed_by_input(scope, keys) or (
                    node.func.attr in ("pop", "remove", "discard") and arg_names & scope.derived)):
                yield node, f"modifies {root}"
        elif isinstance(node, ast.Return) and node.value is not None:
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Subscript):
                    root, keys = scope.store_root(sub)
                    if root is not None and _keyed_by_input(scope, keys):
                        yield node, f"returns a record of {root}"
                        break


def _missing_authorization(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    if len(scope.params) < 2:
        return  # no caller identity to check against
    ignores_a_parameter = bool(scope.params - scope.loaded)
    for node, what in _protected_actions(scope):
        guards = scope.guards(node)
        if any(_is_authorization_test(scope, test) for test in guards):
            continue
        # Without an identity check, some test tying other input to the record may still be the
        # policy (a quota, a state check) — unless an argument, the caller's identity, is ignored.
        if not ignores_a_parameter and any(_relates_input_to_state(scope, test) for test in guards):
            continue
        writes = not isinstance(node, ast.Return)
        yield _finding("missing-authorization", 862 if writes else 863, Severity.MEDIUM,
                       f"{what} selected by caller input without checking the caller's rights", node, path)
        return


def _relates_input_to_state(scope: _FunctionScope, test: ast.expr) -> bool:
    names = _names(test)
    if not names & scope.derived:
        return False
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and scope.is_existence_check(test):
        return False
    return bool(names & (scope.stores | scope.from_store)) or len(names & scope.derived) >= 2


def _unbounded_growth(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    for node in scope.nodes:
        grows = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in GROWERS:
            root, _ = scope.store_root(node.func.value)
            data = set().union(*(_names(a) for a in node.args)) if node.args else set()
            if root is not None and data & scope.derived:
                grows = root
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                root, keys = scope.store_root(target) if isinstance(target, ast.Subscript) else (None, [])
                if root is not None and len(keys) == 1 and _names(keys[0]) & scope.derived and \
                        _names(node.value) & scope.derived:
                    grows = root  # a new entry per distinct input
        if grows is None:
            continue
        # Growth behind a size limit, or behind an access check (only known callers add), is bounded.
        if not any(_is_size_test(test) or _is_authorization_test(scope, test) for test in scope.guards(node)):
            yield _finding("unbounded-growth", 770, Severity.MEDIUM,
                           f"{grows} grows with caller input without any size limit", node, path)
            return


def _is_size_test(test: ast.expr) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                for call in ast.walk(side):
                    if isinstance(call, ast.Call) and (
                            (isinstance(call.func, ast.Name) and call.func.id == "len") or
                            (isinstance(call.func, ast.Attribute) and call.func.attr in ("qsize", "full", "__len__"))):
                        return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "full":
            return True
    return False


def _request_params(scope: _FunctionScope) -> set[str]:
    found: set[str] = set()
    for node in scope.nodes:
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in scope.params:
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in REQUEST_PARTS:
                found.add(node.value.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                node.value.id in scope.params and (node.attr in REQUEST_PARTS or node.attr in ("method", "GET")):
            found.add(node.value.id)
    return found


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _missing_csrf(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    requests = _request_params(scope)
    if not requests:
        return
    texts = _strings(scope.node)
    changes_state = any(True for _ in _state_changes(scope))
    if changes_state and not any(_CSRF.search(t) for t in texts) and not _compares_token(scope):
        yield _finding("missing-csrf-check", 352, Severity.MEDIUM,
                       "state-changing request handled without verifying a CSRF token", scope.node, path)
        return
    # A JSON body accepted whatever the declared content type: a cross-site form can post it.
    for node in scope.nodes:
        if isinstance(node, ast.Call) and (module.qualname(node.func) or "") in ("json.loads", "json.load") and \
                node.args and _names(node.args[0]) & requests and not any(_CONTENT_TYPE.search(t) for t in texts):
            yield _finding("missing-content-type-check", 352, Severity.MEDIUM,
                           "request body parsed as JSON without checking its Content-Type", node, path)
            return


def _compares_token(scope: _FunctionScope) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "compare_digest"
               for n in scope.nodes)


def _state_changes(scope: _FunctionScope) -> Iterator[ast.AST]:
    for node in scope.nodes:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            if any(scope.store_root(t)[0] is not None for t in targets if isinstance(t, (ast.Subscript, ast.Attribute))):
                yield node
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and scope.store_root(node.func.value)[0] is not None:
            yield node


def _ignored_argument(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    """A verification input (signature, token, MAC) the caller passes and the function never reads."""
    if len(scope.params) < 2 or scope.info.is_method:
        return
    body = scope.node.body
    if len(body) == 1 and isinstance(body[0], (ast.Pass, ast.Raise, ast.Expr)):
        return  # a stub
    args = scope.node.args
    plain = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    for name in plain:
        if name not in scope.loaded and _names_a_signature(name):
            yield _finding("ignored-verification-argument", 347, Severity.MEDIUM,
                           f"argument '{name}' is never checked: data is used without verifying what the "
                           "caller supplied to authenticate it", scope.node, path)
            return


def _names_a_signature(name: str) -> bool:
    """Parameter names are the function's interface (callers pass them by keyword): one that says
    it carries a signature or MAC is a claim the function must check."""
    parts = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")
    return any(part in SIGNATURE_WORDS for part in parts)


def _mass_assignment(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    """An object's fields written from a caller's mapping without an allow-list of fields."""
    for node in scope.nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            receiver = node.func.value
            base = receiver.value if isinstance(receiver, ast.Attribute) and receiver.attr == "__dict__" else receiver
            if isinstance(base, ast.Name) and base.id in scope.params and node.args:
                source = _names(node.args[0]) & scope.derived
                guarded = any(_names(t) & (scope.derived - source) for t in scope.guards(node))
                if source and base.id not in source and not _filtered_mapping(node.args[0]) and not guarded:
                    yield _finding("mass-assignment", 915, Severity.MEDIUM,
                                   f"all fields of {base.id} taken from caller input", node, path)
                    return
        if isinstance(node, (ast.For, ast.AsyncFor)) and _names(node.iter) & scope.derived:
            keys = [n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)][:1]
            if not keys:
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign):
                    for target in inner.targets:
                        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and \
                                target.value.id in scope.params and _names(target.slice) == {keys[0]} and \
                                not any(keys[0] in _names(t) for t in scope.guards(inner)):
                            yield _finding("mass-assignment", 915, Severity.MEDIUM,
                                           f"fields of {target.value.id} chosen by caller-supplied keys", inner, path)
                            return


def _filtered_mapping(expr: ast.expr) -> bool:
    return isinstance(expr, ast.DictComp) and any(c.ifs for c in expr.generators)


def _substring_allowlist(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    """``any(ok in value for ok in ALLOWED)``: a substring of an allowed entry is not an allowed entry."""
    for node in scope.nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "any"):
            continue
        if not node.args or not isinstance(node.args[0], ast.GeneratorExp):
            continue
        gen = node.args[0]
        comp = gen.generators[0]
        element = gen.elt
        if isinstance(element, ast.Compare) and len(element.ops) == 1 and isinstance(element.ops[0], ast.In) and \
                _names(element.left) == _names(comp.target) and _names(element.comparators[0]) & scope.derived and \
                not (_names(comp.iter) & scope.derived) and not isinstance(element.comparators[0], ast.Call):
            yield _finding("substring-allowlist", 74, Severity.MEDIUM,
                           "allow-list checked by substring: input containing an allowed entry passes", node, path)
            return


def _exposed_traceback(module: ModuleInfo, scope: _FunctionScope, path: str) -> Iterator[Finding]:
    for node in scope.nodes:
        if isinstance(node, ast.Return) and node.value is not None:
            for call in ast.walk(node.value):
                if isinstance(call, ast.Call) and (module.qualname(call.func) or "") in (
                        "traceback.format_exc", "traceback.format_exception", "traceback.format_tb"):
                    yield _finding("exposed-traceback", 200, Severity.MEDIUM,
                                   "internal stack trace returned to the caller", node, path)
                    return


_FUNCTION_CHECKS: list[Callable[[ModuleInfo, _FunctionScope, str], Iterator[Finding]]] = [
    _missing_authorization, _unbounded_growth, _missing_csrf, _ignored_argument, _mass_assignment,
    _substring_allowlist, _exposed_traceback]
