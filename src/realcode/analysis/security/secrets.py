"""Checks for secret-handling weaknesses that are not a flow from attacker input to a sink.

- hard-coded credentials (CWE-798): a literal given to a password, secret, token or key — by
  assignment, keyword, default, dict entry, comparison, or a login/signing call's secret position;
- insecure randomness (CWE-338): the ``random`` module producing a value that is a secret — judged
  by the name it gets, the function that makes it, or the cookie it is set as;
- password storage (CWE-256 / CWE-916): a plaintext password written to a database, file or model,
  or a password hashed with a fast general-purpose hash (md5, sha*, blake2) instead of a slow salted
  one (bcrypt, scrypt, argon2, pbkdf2).

Secret-ness is read from identifier *words* (``db_password`` -> {db, password}), so ``tokenizer``
or ``secretary`` are not secrets and ``password_prompt`` is not a password; a digest over file
data is a checksum, not a password hash.
"""

from __future__ import annotations

import ast
import copy
import itertools
import re
from collections.abc import Iterator

from realcode.analysis.finding import Category, Finding, Severity

ANALYZER = "security"

CREDENTIAL_WORDS = frozenset({"password", "passwd", "passphrase", "pwd", "secret", "token", "apikey",
                              "credential", "credentials", "secretkey", "privatekey", "accesskey",
                              "authtoken", "accesstoken", "clientsecret", "passwort", "pw"})
CREDENTIAL_PAIRS = frozenset({("api", "key"), ("access", "key"), ("private", "key"), ("secret", "key"),
                              ("auth", "key"), ("signing", "key"), ("encryption", "key"), ("master", "key"),
                              ("client", "secret"), ("bearer", "token")})
# words that make a credential-looking name describe something else (a URL, a prompt, a length)
DESCRIPTOR_WORDS = frozenset({"url", "uri", "endpoint", "path", "file", "dir", "name", "field", "header",
                              "env", "var", "prompt", "label", "len", "length", "size", "type", "regex",
                              "pattern", "format", "fmt", "template", "count", "expiry", "expires", "ttl",
                              "timeout", "lifetime", "age", "min", "max", "policy", "hash", "hashed",
                              "digest", "salt", "id", "param", "column", "attr", "placeholder", "hint",
                              "message", "msg", "error", "text", "title", "help", "location", "prefix",
                              "suffix", "scheme", "kind", "mode", "algorithm", "algo", "alg", "source",
                              "method", "rounds", "iterations", "required", "enabled", "strength",
                              "validator", "manager", "handler", "class", "cls", "backend", "store",
                              "storage", "provider", "bytes", "bits", "expire", "expiration"})
PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase", "pwd", "pw", "passwort", "pass"})
NOT_PASSWORD_WORDS = DESCRIPTOR_WORDS | {"reset", "policy", "hasher", "encoder", "check", "checker",
                                         "verify", "verified", "matches", "valid", "is", "has", "get",
                                         "set", "change", "forgot", "strong", "weak", "generator"}
SECRET_VALUE_WORDS = frozenset({"token", "password", "passwd", "pwd", "passphrase", "secret", "salt",
                                "nonce", "otp", "pin", "sid", "session", "sessionid", "csrf", "xsrf",
                                "apikey", "verification", "credential", "credentials",
                                "totp", "hotp", "passcode", "secretkey", "authtoken", "cookie"})
CODE_QUALIFIERS = frozenset({"one", "time", "verification", "verify", "confirm", "confirmation", "auth",
                             "reset", "invite", "invitation", "access", "login", "security", "sms",
                             "mfa", "recovery", "activation", "otp", "2fa", "signup", "email", "coupon",
                             "promo", "voucher", "referral", "share"})
KEY_NON_SECRET = frozenset({"sort", "cache", "dict", "lookup", "row", "partition", "shard", "primary",
                            "foreign", "map", "hash", "group", "order", "index", "idempotency", "redis"})
TEST_WORDS = frozenset({"test", "tests", "mock", "mocked", "fake", "stub", "dummy", "fixture", "fixtures"})
KEY_QUALIFIERS = frozenset({"api", "secret", "private", "encryption", "aes", "session", "signing", "hmac",
                            "crypto", "cipher", "access", "auth", "master", "license", "activation"})
RANDOM_FUNCS = frozenset({"random", "randint", "randrange", "choice", "choices", "sample", "getrandbits",
                          "randbytes", "shuffle", "uniform", "triangular", "betavariate", "gauss"})
FAST_HASHES = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256",
                         "sha3_384", "sha3_512", "blake2b", "blake2s", "md4", "ripemd160", "sha"})
STORE_METHODS = frozenset({"execute", "executemany", "write", "writelines", "writerow", "writerows",
                           "dump", "insert", "insert_one", "insert_many", "create", "update", "update_one",
                           "hset", "put_item", "save", "setex", "store"})
PERSIST_METHODS = frozenset({"save", "commit", "dump", "write", "writelines", "writerow", "execute",
                             "executemany", "insert", "insert_one", "put_item", "flush", "hset", "create"})
TRANSPARENT_CALLS = frozenset({"encode", "decode", "strip", "lstrip", "rstrip", "lower", "upper", "format",
                               "str", "bytes", "repr", "join", "bytearray", "replace"})
SECRET_ARG_CALLS = {  # call name suffix -> index of the positional argument that is a secret
    "login": 1, "starttls_login": 1, "HTTPBasicAuth": 1, "HTTPDigestAuth": 1, "BasicAuth": 1,
}
_PLACEHOLDER = re.compile(
    r"^(?:\s*|<[^>]*>|\$\{?[A-Za-z_]+\}?|\{\{?[^}]*\}?\}|%\(?\w*\)?s|x+|\*+|\.+|-+|_+|\?+|"
    r".*\b(?:your|placeholder|replace|insert|enter|here|example|dummy|sample|todo|fixme|redacted|"
    r"xxx+|none|null|undefined|test|tbd)\b.*)$", re.IGNORECASE)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(identifier: str) -> list[str]:
    """``dbPassword_hash`` -> ["db", "password", "hash"]."""
    return [w.lower() for part in re.split(r"[^A-Za-z0-9]+", identifier) for w in _CAMEL.findall(part)]


def is_credential_name(identifier: str) -> bool:
    ws = words(identifier)
    if not ws or ws[-1] in DESCRIPTOR_WORDS or any(w in ("hash", "hashed", "digest", "salt") for w in ws):
        return False
    if any(w in CREDENTIAL_WORDS for w in ws) and not (ws[-1] == "pw" and len(ws) > 2):
        return True
    return any(pair in CREDENTIAL_PAIRS for pair in itertools.pairwise(ws))


def is_password_name(identifier: str) -> bool:
    ws = words(identifier)
    if not ws or any(w in NOT_PASSWORD_WORDS for w in ws):
        return False
    if "pass" in ws and not (identifier.lower() in ("pass_", "passw") or ws == ["user", "pass"]):
        ws = [w for w in ws if w != "pass"]
    return any(w in PASSWORD_WORDS for w in ws)


def is_secret_value_name(identifier: str, raw_bytes: bool = False) -> bool:
    """A name for a value that must be unpredictable. A bare ``key`` or ``iv`` counts only for raw
    random bytes (``key = random.randbytes(16)``), not for ``key = random.choice(list(d))``."""
    ws = words(identifier)
    if not ws or ws[-1] in ("url", "uri", "path", "file", "name", "length", "len", "size", "count", "prompt",
                            "label", "field", "header", "type", "expiry", "ttl", "timeout", "hash"):
        return False
    if "key" in ws and (set(ws) & KEY_NON_SECRET):
        return False
    if set(ws) & SECRET_VALUE_WORDS:
        return True
    if ("key" in ws or "iv" in ws) and (raw_bytes or bool(set(ws) & KEY_QUALIFIERS)):
        return True
    return "code" in ws and bool(set(ws) & CODE_QUALIFIERS)


def _is_literal_secret(node: ast.expr | None) -> bool:
    """A str/bytes literal that looks like a real secret, not a placeholder or an env var name."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, (str, bytes)):
        return False
    text = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
    if len(text) < 4 or _PLACEHOLDER.match(re.sub(r"[_\-.]+", " ", text)) or _ENV_NAME.match(text):
        return False
    if " " in text.strip() or text.startswith(("/", "http://", "https://", "./", "~")):
        return False  # sentences, paths and URLs are not credentials
    return len(set(text)) > 2


def _is_literal_auth_header(node: ast.expr | None) -> bool:
    """``"Bearer eyJhbGciOi..."``: an HTTP Authorization value with its credential written out."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return False
    scheme, _, credential = node.value.partition(" ")
    return scheme.lower() in ("bearer", "token", "basic") and len(credential) >= 8 and \
        _is_literal_secret(ast.Constant(credential.strip()))


def _finding(rule: str, cwe: int, severity: Severity, message: str, node: ast.AST, path: str) -> Finding:
    return Finding(rule_id=f"{ANALYZER}/{rule}", analyzer=ANALYZER, category=Category.SECURITY,
                   severity=severity, message=message, line=getattr(node, "lineno", 1),
                   column=getattr(node, "col_offset", 0), cwe=cwe, confidence="medium", path=path)


def _target_name(node: ast.expr) -> str | None:
    """The identifier a store target or a value expression is known by: ``x``, ``self.x``, ``d["x"]``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return node.slice.value
    return None


class _Imports:
    """Local name -> dotted origin for imports, so ``from random import choice`` is ``random.choice``."""

    def __init__(self, nodes: list[ast.AST]) -> None:
        self.names: dict[str, str] = {}
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self.names[local] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    self.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def qualname(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return self.names.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None


Scope = tuple[str, ast.AST, list[ast.AST]]  # function name ("" for the module), node, its own nodes


def _scopes(tree: ast.Module, nodes: list[ast.AST]) -> list[Scope]:
    """The module and every function with the nodes that belong to it (not to nested functions)."""
    scopes: list[Scope] = [("", tree, list(_walk_scope(tree.body)))]
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scopes.append((node.name, node, list(_walk_scope(node.body))))
    return scopes


def _walk_scope(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Nodes of one scope, not descending into nested functions (they are scopes of their own)."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        yield node
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _parents(nodes: list[ast.AST]) -> dict[ast.AST, ast.AST]:
    return {child: node for node in nodes for child in ast.iter_child_nodes(node)}


# --- CWE-798 ---------------------------------------------------------------------------------------

def _in_tests(nodes: list[ast.AST]) -> set[int]:
    """ids of nodes in test code — a module importing a test framework, test functions and classes,
    mocks, fakes and fixtures: logins there are test data, not credentials."""
    frameworks = {"unittest", "pytest", "mock", "unittest2", "nose"}
    for node in nodes:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(m.split(".")[0] in frameworks for m in modules):
                return {id(n) for n in nodes}
    inside: set[int] = set()
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and (
                set(words(node.name)) & TEST_WORDS or node.name.startswith("setUp")
                or (isinstance(node, ast.ClassDef) and any("TestCase" in ast.unparse(b) for b in node.bases))):
            inside |= {id(n) for n in ast.walk(node)}
    return inside


def hardcoded_credentials(nodes: list[ast.AST], imports: _Imports, path: str) -> Iterator[Finding]:
    tests = _in_tests(nodes)
    yield from (f for f, node in _credential_sites(nodes, imports, path) if id(node) not in tests)


def _credential_sites(nodes: list[ast.AST], imports: _Imports, path: str) -> Iterator[tuple[Finding, ast.AST]]:
    literals: dict[str, ast.expr] = {}  # module names bound to a literal, for comparisons
    getpass_names: set[str] = set()
    for node in nodes:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                pairs = (zip(target.elts, node.value.elts, strict=True) if isinstance(target, ast.Tuple)
                         and isinstance(node.value, ast.Tuple) and len(target.elts) == len(node.value.elts)
                         else [(target, node.value)])
                for tgt, value in pairs:
                    name = _target_name(tgt)
                    if name and isinstance(tgt, ast.Name) and _is_literal_secret(value):
                        literals[name] = value
                    if name and isinstance(value, ast.Call) and (imports.qualname(value.func) or "").endswith(
                            "getpass.getpass"):
                        getpass_names.add(name)
                    if name and is_credential_name(name) and _is_literal_secret(value):
                        yield _credential(name, value, path), value
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    continue
                if (is_credential_name(key.value) and _is_literal_secret(value)) or (
                        key.value.lower() == "authorization" and _is_literal_auth_header(value)):
                    yield _credential(key.value, value, path), value
        elif isinstance(node, ast.Call):
            yield from ((f, node) for f in _credential_call(node, imports, path))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            positional = node.args.posonlyargs + node.args.args
            defaults = list(zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults, strict=True))
            defaults += [(a, d) for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True) if d is not None]
            for arg, default in defaults:
                if is_credential_name(arg.arg) and _is_literal_secret(default):
                    yield _credential(arg.arg, default, path), default
    # a literal compared with a password: `if attempt == "letmein"`, `if pw == EXPECTED`
    for node in nodes:
        sides: list[ast.expr] = []
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            sides = [node.left, node.comparators[0]]
        elif isinstance(node, ast.Call) and (imports.qualname(node.func) or "").endswith("compare_digest") \
                and len(node.args) == 2:
            sides = list(node.args)
        if len(sides) != 2:
            continue
        for mine, other in (sides, sides[::-1]):
            if isinstance(mine, ast.Name) and is_credential_name(mine.id):
                continue  # the literal was already reported where that name was assigned
            literal = literals.get(mine.id) if isinstance(mine, ast.Name) else mine
            name = _target_name(other) or ""
            secret_side = is_credential_name(name) or name in getpass_names or (
                isinstance(other, ast.Call) and (imports.qualname(other.func) or "").endswith("getpass.getpass"))
            if literal is not None and _is_literal_secret(literal) and secret_side:
                yield _credential(name or "a password", node, path), node
                break


def _credential_call(node: ast.Call, imports: _Imports, path: str) -> Iterator[Finding]:
    for kw in node.keywords:
        if kw.arg and is_credential_name(kw.arg) and _is_literal_secret(kw.value):
            yield _credential(kw.arg, kw.value, path)
        elif kw.arg == "auth" and isinstance(kw.value, ast.Tuple) and len(kw.value.elts) == 2 \
                and _is_literal_secret(kw.value.elts[1]):
            yield _credential("auth", kw.value.elts[1], path)
    name = imports.qualname(node.func) or ""
    tail = name.rsplit(".", 1)[-1]
    index = SECRET_ARG_CALLS.get(tail)
    if index is not None and len(node.args) > index and _is_literal_secret(node.args[index]):
        yield _credential(f"{tail}()", node.args[index], path)
    if name in ("jwt.encode", "jwt.decode") and len(node.args) > 1 and _is_literal_secret(node.args[1]):
        yield _credential("JWT key", node.args[1], path)
    if name in ("hmac.new", "hmac.digest") and node.args and _is_literal_secret(node.args[0]):
        yield _credential("HMAC key", node.args[0], path)


def _credential(what: str, node: ast.AST, path: str) -> Finding:
    return _finding("hardcoded-credential", 798, Severity.HIGH,
                    f"hard-coded credential: a literal is used as {what}", node, path)


# --- CWE-338 ---------------------------------------------------------------------------------------

def insecure_randomness(nodes: list[ast.AST], imports: _Imports, path: str, scopes: list[Scope]) -> Iterator[Finding]:
    if not any(origin.split(".")[0] in ("random", "numpy") for origin in imports.names.values()):
        return
    parents = _parents(nodes)
    for scope_name, _, nodes in scopes:
        generators = set()  # local names bound to random.Random() instances
        for node in nodes:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                    and imports.qualname(node.value.func) == "random.Random":
                generators |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        for node in nodes:
            if not isinstance(node, ast.Call) or not _is_weak_random(node, imports, generators):
                continue
            raw_bytes = (imports.qualname(node.func) or "").rsplit(".", 1)[-1] in ("randbytes", "getrandbits")
            reason = _secret_destination(node, parents, scope_name, imports, raw_bytes)
            holder = _assigned_name(node, parents)
            if reason is None and holder is not None:  # follow the variable one step to where it goes
                for use in nodes:
                    if isinstance(use, ast.Name) and use.id == holder and isinstance(use.ctx, ast.Load):
                        reason = _secret_destination(use, parents, scope_name, imports, raw_bytes)
                        if reason:
                            break
            if reason:
                yield _finding("insecure-randomness", 338, Severity.MEDIUM,
                               f"the random module (not a CSPRNG) produces {reason}", node, path)


def _is_weak_random(call: ast.Call, imports: _Imports, generators: set[str]) -> bool:
    name = imports.qualname(call.func) or ""
    if name.startswith("random.") and name.split(".", 1)[1] in RANDOM_FUNCS:
        return True
    if name.startswith(("numpy.random.", "np.random.")) and name.rsplit(".", 1)[1] in RANDOM_FUNCS | {
            "randint", "bytes", "rand"}:
        return True
    return (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
            and call.func.value.id in generators and call.func.attr in RANDOM_FUNCS)


def _secret_destination(call: ast.expr, parents: dict[ast.AST, ast.AST], scope: str,
                        imports: _Imports, raw_bytes: bool) -> str | None:
    """Why the random value is a secret: the name it is stored under, the cookie, the function."""
    node: ast.AST = call
    while node in parents:
        parent = parents[node]
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            for target in targets:
                for leaf in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    name = _target_name(leaf)
                    if name and _secret_with_scope(name, scope, raw_bytes):
                        return f"{name!r}"
            break
        if isinstance(parent, ast.Dict) and node in parent.values:
            key = parent.keys[parent.values.index(node)]
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and is_secret_value_name(key.value):
                return f"the {key.value!r} entry"
        if isinstance(parent, ast.keyword) and parent.arg and is_secret_value_name(parent.arg):
            return f"the {parent.arg!r} argument"
        if isinstance(parent, ast.Call) and node in parent.args:
            tail = (imports.qualname(parent.func) or "").rsplit(".", 1)[-1]
            first = parent.args[0] if parent.args else None
            if tail == "set_cookie" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                return f"the cookie {first.value!r}"
        if isinstance(parent, ast.Return):
            return f"the result of {scope}()" if scope and is_secret_value_name(scope) else None
        if isinstance(parent, (ast.stmt, ast.Lambda)):
            break
        node = parent
    return None


def _assigned_name(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> str | None:
    """The local variable the statement holding ``call`` assigns, if it is a plain ``name = ...``."""
    node: ast.AST = call
    while node in parents and not isinstance(node, ast.stmt):
        node = parents[node]
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


def _secret_with_scope(name: str, scope: str, raw_bytes: bool) -> bool:
    if is_secret_value_name(name, raw_bytes):
        return True
    ws = set(words(name))
    return "code" in ws and bool(set(words(scope)) & CODE_QUALIFIERS)


# --- CWE-256 / CWE-916 -----------------------------------------------------------------------------

class _Passwords:
    """Which expressions of one scope hold a plaintext password."""

    def __init__(self, nodes: list[ast.AST], params: list[str], imports: _Imports, modules: set[str]) -> None:
        self.imports = imports
        self.modules = modules
        self.names = {p for p in params if is_password_name(p)}
        assignments = [n for n in nodes if isinstance(n, (ast.Assign, ast.AnnAssign))]
        for _ in range(2):  # two passes settle `a = password; b = a.strip()`
            for node in assignments:
                self._learn(node)

    def _learn(self, node: ast.AST) -> None:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            raw = self.raw(node.value) or (isinstance(node.value, ast.Call) and (
                self.imports.qualname(node.value.func) or "").endswith("getpass.getpass"))
            for target in targets:
                if isinstance(target, ast.Name) and raw:
                    self.names.add(target.id)

    def is_password(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.names or (is_password_name(node.id) and node.id not in self.modules)
        if isinstance(node, ast.Attribute):
            return is_password_name(node.attr) and not (isinstance(node.value, ast.Name)
                                                        and node.value.id in self.modules)
        if isinstance(node, ast.Subscript):
            return isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) \
                and is_password_name(node.slice.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            return is_password_name(node.args[0].value)
        return False

    def raw(self, node: ast.expr) -> bool:
        """The expression carries the password unhashed (through string operations only)."""
        if self.is_password(node):
            return True
        if isinstance(node, ast.Call):
            tail = node.func.attr if isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node.func, ast.Name) else "")
            if tail not in TRANSPARENT_CALLS:
                return False
            parts = list(node.args) + [k.value for k in node.keywords]
            if isinstance(node.func, ast.Attribute):
                parts.append(node.func.value)
            return any(self.raw(p) for p in parts)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(self.raw(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return any(self.raw(v) for v in node.values)
        if isinstance(node, ast.JoinedStr):
            return any(self.raw(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.raw(node.left) or self.raw(node.right)
        return False

    def parts(self, node: ast.expr) -> list[ast.expr]:
        """Variable pieces of hashed data: ``salt + pw.encode()`` -> [salt, pw]."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TRANSPARENT_CALLS:
            return self.parts(node.func.value) + [p for a in node.args for p in self.parts(a)]
        if isinstance(node, ast.BinOp):
            return self.parts(node.left) + self.parts(node.right)
        if isinstance(node, ast.JoinedStr):
            return [p for v in node.values if isinstance(v, ast.FormattedValue) for p in self.parts(v.value)]
        if isinstance(node, ast.Constant):
            return []
        return [node]


def password_storage(imports: _Imports, path: str, scopes: list[Scope]) -> Iterator[Finding]:
    modules = {local for local, origin in imports.names.items() if "." not in origin}
    for _, scope, nodes in scopes:
        params = [a.arg for a in ast.walk(scope.args) if isinstance(a, ast.arg)] \
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
        pw = _Passwords(nodes, params, imports, modules)
        hash_objects: set[str] = set()
        persists = False
        stores: list[ast.AST] = []
        for node in nodes:
            if isinstance(node, ast.Call):
                name = imports.qualname(node.func) or ""
                tail = name.rsplit(".", 1)[-1]
                if tail in PERSIST_METHODS and isinstance(node.func, ast.Attribute):
                    persists = True
                if _fast_hash(name, node) and node.args and _hashes_password(pw, node.args[-1]):
                    yield _finding("weak-password-hash", 916, Severity.HIGH,
                                   f"password hashed with the fast hash {_fast_hash(name, node)}; "
                                   "use bcrypt, scrypt, argon2 or pbkdf2_hmac with a random salt", node, path)
                elif tail == "update" and isinstance(node.func, ast.Attribute) and isinstance(
                        node.func.value, ast.Name) and node.func.value.id in hash_objects and node.args \
                        and _hashes_password(pw, node.args[0]):
                    yield _finding("weak-password-hash", 916, Severity.HIGH,
                                   "password fed to a fast general-purpose hash", node, path)
                elif tail in STORE_METHODS and isinstance(node.func, ast.Attribute) and _stores_plaintext(pw, node):
                    yield _finding("plaintext-password", 256, Severity.HIGH,
                                   f"plaintext password stored with {tail}()", node, path)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and not node.value.args \
                    and _fast_hash(imports.qualname(node.value.func) or "", node.value):
                hash_objects |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and pw.raw(node.value):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, (ast.Attribute, ast.Subscript)) for t in targets):
                    stores.append(node)
        if persists:  # `self.password = raw; self.save()`, `users[name] = raw; json.dump(users, f)`
            for node in stores:
                yield _finding("plaintext-password", 256, Severity.HIGH,
                               "plaintext password kept in a record that is saved", node, path)


def _fast_hash(name: str, call: ast.Call) -> str | None:
    if name.startswith("hashlib.") and name.split(".", 1)[1] in FAST_HASHES:
        return name.split(".", 1)[1]
    if name == "hashlib.new" and call.args and isinstance(call.args[0], ast.Constant) \
            and str(call.args[0].value).lower().replace("-", "_") in FAST_HASHES:
        return str(call.args[0].value)
    return None


def _hashes_password(pw: _Passwords, data: ast.expr) -> bool:
    """The hashed data is a password, alone or with a salt — not a record that merely contains one."""
    parts = pw.parts(data)
    return 0 < len(parts) <= 2 and any(pw.raw(p) for p in parts)


def _stores_plaintext(pw: _Passwords, call: ast.Call) -> bool:
    assert isinstance(call.func, ast.Attribute)
    method = call.func.attr
    if method in ("execute", "executemany"):
        text = call.args[0] if call.args else None
        writes = isinstance(text, ast.Constant) and isinstance(text.value, str) and re.match(
            r"\s*(insert|update|replace)\b", text.value, re.IGNORECASE)
        return bool(writes) and any(pw.raw(a) for a in call.args[1:])
    if method in ("append", "add", "set", "update") and not call.keywords:
        return False  # in-memory collections; persisting them is judged where they are saved
    values = list(call.args) + [k.value for k in call.keywords]
    return any(pw.raw(v) for v in values)


# --- callables are values: see through aliases and forwarding wrappers -----------------------------

class _Forwarding(ast.NodeTransformer):
    """Rewrites calls through an alias (``run = conn.execute; run(q)``), an immediately applied
    forwarding lambda (``(lambda *a, **k: f(*a, **k))(x)``) or a forwarding helper
    (``def call(fn, *a, **k): return fn(*a, **k)``) into the direct call, so that the checks judge
    the callee rather than the way it was reached."""

    def __init__(self, tree: ast.Module, nodes: list[ast.AST]) -> None:
        stores: dict[str, int] = {}
        values: dict[str, ast.expr] = {}
        for node in nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                stores[node.id] = stores.get(node.id, 0) + 1
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and isinstance(node.value, (ast.Name, ast.Attribute)):
                values[node.targets[0].id] = node.value
        self.aliases = {name: value for name, value in values.items() if stores.get(name) == 1}
        self.helpers = {node.name for node in tree.body
                        if isinstance(node, ast.FunctionDef) and _forwarding_helper(node)}
        callees = {n.func.id for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        lambdas = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Lambda) for n in nodes)
        self.needed = lambdas or bool(callees & (set(self.aliases) | self.helpers))

    def _resolve(self, func: ast.expr) -> ast.expr:
        for _ in range(8):  # alias chains, bounded
            if isinstance(func, ast.Name) and func.id in self.aliases:
                func = self.aliases[func.id]
            else:
                break
        return func

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        func = self._resolve(node.func)
        if isinstance(func, ast.Lambda) and _forwards(func.args, func.body):
            assert isinstance(func.body, ast.Call)
            func = self._resolve(func.body.func)
        elif isinstance(func, ast.Name) and func.id in self.helpers and node.args \
                and not isinstance(node.args[0], ast.Starred):
            return ast.copy_location(ast.Call(self._resolve(node.args[0]), node.args[1:], node.keywords), node)
        if func is node.func:
            return node
        return ast.copy_location(ast.Call(copy.deepcopy(func), node.args, node.keywords), node)


def _forwards(args: ast.arguments, body: ast.expr, skip: int = 0) -> bool:
    """``body`` calls something with exactly ``*args, **kwargs`` of these parameters."""
    return (isinstance(body, ast.Call) and args.vararg is not None and args.kwarg is not None
            and len(body.args) == 1 and isinstance(body.args[0], ast.Starred)
            and isinstance(body.args[0].value, ast.Name) and body.args[0].value.id == args.vararg.arg
            and len(body.keywords) == 1 and body.keywords[0].arg is None
            and isinstance(body.keywords[0].value, ast.Name) and body.keywords[0].value.id == args.kwarg.arg
            and len(args.posonlyargs) + len(args.args) == skip)


def _forwarding_helper(node: ast.FunctionDef) -> bool:
    """``def call(fn, *args, **kwargs): return fn(*args, **kwargs)``."""
    params = node.args.posonlyargs + node.args.args
    body = [s for s in node.body if not _is_docstring(s)]
    return (len(params) == 1 and len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None
            and isinstance(body[0].value, ast.Call) and isinstance(body[0].value.func, ast.Name)
            and body[0].value.func.id == params[0].arg and _forwards(node.args, body[0].value, skip=1))


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def secret_findings(tree: ast.Module, path: str = "program.py") -> list[Finding]:
    """All findings of the three checks for one parsed program (the tree is not modified)."""
    nodes = list(ast.walk(tree))  # walked once, shared by every check
    forwarding = _Forwarding(tree, nodes)
    if forwarding.needed:
        tree = forwarding.visit(copy.deepcopy(tree))
        nodes = list(ast.walk(tree))
    imports = _Imports(nodes)
    scopes = _scopes(tree, nodes)
    findings = [*hardcoded_credentials(nodes, imports, path), *insecure_randomness(nodes, imports, path, scopes),
                *password_storage(imports, path, scopes)]
    seen: set[tuple[str, int]] = set()
    unique: list[Finding] = []
    for finding in findings:
        if (finding.rule_id, finding.line) not in seen:
            seen.add((finding.rule_id, finding.line))
            unique.append(finding)
    return unique
