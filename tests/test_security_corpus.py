"""The real-world security corpus (well-formed, complete pairs, recall/FPR floors), the non-flow
secret checks with safe twins, and the semantics-preserving rewrites."""

from __future__ import annotations

import ast
import io
import json
import tokenize
from pathlib import Path

import pytest

from realcode.analysis.security.rewrites import REWRITES, example_main, rename
from realcode.analysis.security.secrets import secret_findings

CORPUS = Path(__file__).parent / "security_corpus"
MANIFEST = CORPUS / "manifest.jsonl"
FAMILIES = {"sql", "command", "code", "deserialization", "path", "ssrf", "redirect", "header", "xss", "xxe",
            "crypto", "redos", "credentials", "randomness", "password", "tarfile"}


def rules(source: str) -> set[str]:
    return {f.rule_id.split("/", 1)[1] for f in secret_findings(ast.parse(source))}


# --- corpus integrity -----------------------------------------------------------------------------

def _manifest() -> list[dict[str, object]]:
    return [json.loads(line) for line in MANIFEST.read_text().splitlines() if line.strip()]


def test_manifest_is_well_formed_and_pairs_complete() -> None:
    rows = _manifest()
    assert len(rows) >= 200
    assert {r["family"] for r in rows} == FAMILIES
    assert len({r["id"] for r in rows}) == len(rows)
    listed: set[Path] = set()
    for row in rows:
        assert set(row) == {"id", "family", "cwe", "shape", "vuln", "safe"}
        assert row["shape"] in {"flask", "django", "fastapi", "cli", "library", "stdin"}
        assert isinstance(row["cwe"], int)
        vuln, safe = CORPUS / str(row["vuln"]), CORPUS / str(row["safe"])
        assert vuln.name.endswith(".vuln.py") and safe.name.endswith(".safe.py")
        assert vuln.parent.name == safe.parent.name == row["family"]
        texts = [vuln.read_text(), safe.read_text()]
        for text in texts:
            ast.parse(text)
        assert texts[0] != texts[1]
        listed |= {vuln, safe}
    on_disk = {p for p in CORPUS.glob("*/*.py")}
    assert on_disk == listed  # no orphan programs


def test_every_family_has_every_common_shape_spread() -> None:
    shapes: dict[str, set[str]] = {}
    for row in _manifest():
        shapes.setdefault(str(row["family"]), set()).add(str(row["shape"]))
    assert all(len(s) >= 3 for s in shapes.values()), shapes


def _own_words(text: str) -> list[str]:
    """Comments, docstrings and the names a program defines (not the APIs it calls)."""
    out = [tok.string for tok in tokenize.generate_tokens(io.StringIO(text).readline) if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(node.name)
            out.append(ast.get_docstring(node) or "")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.append(node.id)
    return [w.lower() for w in out]


def test_pairs_carry_no_label_in_comments_or_names() -> None:
    for row in _manifest():
        for key in ("vuln", "safe"):
            for text in _own_words((CORPUS / str(row[key])).read_text()):
                for word in ("vulnerab", "insecure", "unsafe", "exploit", "cwe", "safe"):
                    assert word not in text, (row[key], word, text)


# --- CWE-798 hard-coded credentials --------------------------------------------------------------

@pytest.mark.parametrize("source", [
    'DB_PASSWORD = "Tr0ub4dor&3"\n',
    'import psycopg2\nconn = psycopg2.connect(host="h", user="u", password="s3cr3t-pw")\n',
    'settings = {"api_key": "sk_live_abcdef123456"}\n',
    'def connect(user, password="hunter22"):\n    return user, password\n',
    'import smtplib\ns = smtplib.SMTP("h")\ns.login("me@example.com", "mail-pass-99")\n',
    'import requests\nrequests.get("https://x", auth=("bot", "b0t-pa55"))\n',
    'import jwt\ntoken = jwt.encode({"a": 1}, "signing-key-42", algorithm="HS256")\n',
    'EXPECTED = "letmein-4321"\nimport getpass\nok = getpass.getpass() == EXPECTED\n',
    'HEADERS = {"Authorization": "Bearer ghp_4Yx9QwErTy7UiOpAsDf"}\n',
    'class Config:\n    secret_key: str = "d8f7a6c5b4e3d2c1"\n',
])
def test_hardcoded_credential_found(source: str) -> None:
    assert "hardcoded-credential" in rules(source)


@pytest.mark.parametrize("source", [
    'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n',
    'DB_PASSWORD = ""\n',
    'API_KEY = "YOUR_API_KEY"\n',
    'password = "your_password_here"\n',
    'PASSWORD_FIELD = "password"\nTOKEN_URL = "https://auth.example.com/token"\n',
    'PASSWORD_PROMPT = "Enter your password: "\n',
    'tokenizer = "whitespace-v2"\nsecretary = "Alice Smith"\n',
    'def test_login(client):\n    client.post("/login", data={"password": "wrong-password"})\n',
    'def make_mock_config():\n    return {"user": "admin", "password": "hunter22"}\n',
    'import unittest\nclass Config:\n    password = "hunter22"\n',
    'import os\nconn = dict(password=os.getenv("PW"))\n',
])
def test_hardcoded_credential_not_found(source: str) -> None:
    assert "hardcoded-credential" not in rules(source)


# --- CWE-338 insecure randomness -----------------------------------------------------------------

@pytest.mark.parametrize("source", [
    'import random, string\ntoken = "".join(random.choice(string.ascii_letters) for _ in range(32))\n',
    'import random\ndef reset_token():\n    return "%x" % random.getrandbits(128)\n',
    'from random import randint\notp_code = f"{randint(0, 999999):06d}"\n',
    'import random\nkey = random.randbytes(16)\n',
    'import random\nrng = random.Random()\nsession_id = str(rng.random())\n',
    'import random\ndef issue():\n    value = random.random()\n    return {"api_key": str(value)}\n',
    'import random\ndef login(resp):\n    resp.set_cookie("sid", str(random.getrandbits(64)))\n',
    'import random\nsalt = bytes(random.randrange(256) for _ in range(16))\n',
])
def test_insecure_randomness_found(source: str) -> None:
    assert "insecure-randomness" in rules(source)


@pytest.mark.parametrize("source", [
    'import secrets, string\ntoken = "".join(secrets.choice(string.ascii_letters) for _ in range(32))\n',
    'import random\ndelay = random.uniform(0.1, 0.5)\n',
    'import random\nsample = random.sample(range(100), 10)\n',
    'import random\nkey = random.choice(list({"a": 1}))\n',
    'import random\nrng = random.SystemRandom()\ntoken = str(rng.random())\n',
    'import random\ndef shuffle_deck(deck):\n    random.shuffle(deck)\n    return deck\n',
])
def test_insecure_randomness_not_found(source: str) -> None:
    assert "insecure-randomness" not in rules(source)


# --- CWE-256 / CWE-916 password storage ----------------------------------------------------------

@pytest.mark.parametrize(("source", "rule"), [
    ('import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n',
     "weak-password-hash"),
    ('import hashlib\nSALT = b"s"\ndef store(pw):\n    return hashlib.sha256(SALT + pw.encode()).digest()\n',
     "weak-password-hash"),
    ('import hashlib\ndef h(form):\n    return hashlib.new("sha1", form["password"].encode()).hexdigest()\n',
     "weak-password-hash"),
    ('import hashlib\ndef h(secret):\n    m = hashlib.sha512()\n    m.update(secret.encode())\n'
     '    return m.hexdigest()\n', None),
    ('import hashlib\ndef h(password):\n    m = hashlib.sha512()\n    m.update(password.encode())\n'
     '    return m.hexdigest()\n', "weak-password-hash"),
    ('def add(db, name, password):\n    db.execute("INSERT INTO u VALUES (?, ?)", (name, password))\n',
     "plaintext-password"),
    ('import getpass\nsecret = getpass.getpass()\nwith open("pw.txt", "w") as f:\n    f.write(secret)\n',
     "plaintext-password"),
    ('class M:\n    def set_password(self, raw_password):\n        self.password = raw_password\n'
     '        self.save()\n', "plaintext-password"),
])
def test_password_storage_found(source: str, rule: str | None) -> None:
    found = rules(source)
    if rule is None:  # a secret that is not a password: no password-storage finding
        assert not found & {"weak-password-hash", "plaintext-password"}
    else:
        assert rule in found


@pytest.mark.parametrize("source", [
    'import hashlib, os\ndef store(password):\n    salt = os.urandom(16)\n'
    '    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)\n',
    'import bcrypt\ndef store(password):\n    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n',
    'import hashlib\ndef checksum(path):\n    return hashlib.md5(open(path, "rb").read()).hexdigest()\n',
    'import hashlib\ndef cache_key(url, params):\n    return hashlib.sha1(f"{url}{params}".encode()).hexdigest()\n',
    'from werkzeug.security import generate_password_hash\n'
    'def add(db, name, password):\n    db.execute("INSERT INTO u VALUES (?, ?)", (name, generate_password_hash(password)))\n',
    'class Client:\n    def __init__(self, host, password):\n        self.password = password\n',
    'def login(db, name, password):\n    return db.execute("SELECT * FROM u WHERE n = ? AND p = ?", (name, password))\n',
    'import hashlib\ndef token(user, settings):\n'
    '    return hashlib.sha256(f"{user.pk}{user.password}{settings.KEY}".encode()).hexdigest()\n',
])
def test_password_storage_not_found(source: str) -> None:
    assert not rules(source) & {"weak-password-hash", "plaintext-password"}


# --- per-family floors of the security analyzer on the corpus --------------------------------------

# measured with benchmarks/security_transfer.py (recall, FPR per family), then loosened by 0.15 so
# that engine work can move them a little but a regression fails
FLOORS: dict[str, tuple[float, float]] = {  # family: (minimum recall, maximum false-positive rate)
    "code": (0.75, 0.15), "command": (0.85, 0.30), "credentials": (0.85, 0.25), "crypto": (0.75, 0.15),
    "deserialization": (0.85, 0.25), "header": (0.85, 0.45), "password": (0.85, 0.40), "path": (0.45, 0.40),
    "randomness": (0.70, 0.15), "redirect": (0.85, 0.40), "redos": (0.85, 0.30), "sql": (0.85, 0.25),
    "ssrf": (0.60, 0.30), "tarfile": (0.65, 0.30), "xss": (0.75, 0.45), "xxe": (0.60, 0.25),
}


def _flagged(source: str) -> bool:
    from realcode.analysis.finding import Category
    from realcode.analysis.security import analyze_source

    return any(f.category == Category.SECURITY for f in analyze_source(source).findings)


def test_security_analyzer_keeps_its_corpus_floors() -> None:
    tallies: dict[str, list[int]] = {}
    for row in _manifest():
        t = tallies.setdefault(str(row["family"]), [0, 0, 0])
        t[0] += 1
        t[1] += _flagged((CORPUS / str(row["vuln"])).read_text())
        t[2] += _flagged((CORPUS / str(row["safe"])).read_text())
    failures = []
    for family, (pairs, caught, alarms) in sorted(tallies.items()):
        min_recall, max_fpr = FLOORS[family]
        if caught / pairs < min_recall or alarms / pairs > max_fpr:
            failures.append(f"{family}: recall {caught / pairs:.2f} (floor {min_recall}), "
                            f"FPR {alarms / pairs:.2f} (ceiling {max_fpr})")
    assert not failures, failures


# --- rewrites --------------------------------------------------------------------------------------

PROGRAM = '''
import math

SCALE = 3


class Meter:
    def __init__(self, base):
        self.base = base

    def reading(self, extra):
        return self.base + extra * SCALE


def area(radius):
    total = math.pi * radius ** 2
    return round(total, 2)


def describe(name, radius=1):
    parts = [name.upper(), str(area(radius))]
    return "-".join(parts) + str(Meter(radius).reading(2))
'''


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_rewrites_preserve_behaviour(name: str) -> None:
    rewritten = REWRITES[name](PROGRAM)
    assert rewritten is not None and rewritten != PROGRAM
    before: dict[str, object] = {}
    after: dict[str, object] = {"__name__": "rewritten"}
    exec(compile(PROGRAM, "original", "exec"), before)  # our own test program, not generated code
    exec(compile(rewritten, "rewritten", "exec"), after)
    describe = next(v for k, v in after.items() if k.startswith("describe"))
    assert callable(describe)
    assert describe("x", radius=2) == before["describe"]("x", radius=2)  # type: ignore[operator]


def test_rename_keeps_parameters_words_and_interface() -> None:
    out = rename(PROGRAM, keep=frozenset({"area"}))
    assert out is not None
    assert "def area(radius)" in out and "def describe_" in out and "radius=1" in out
    assert "total_" in out and "parts_" in out and "def reading(self, extra)" in out


def test_example_main_calls_public_functions_and_methods() -> None:
    out = example_main(PROGRAM)
    assert out is not None
    tail = out.split("if __name__ == '__main__':", 1)[1]
    assert "area(" in tail and "describe(" in tail and ".reading(" in tail and "Meter(" in tail


def test_secret_checks_do_not_change_under_rewrites() -> None:
    changed = []
    for row in _manifest():
        if row["family"] not in ("credentials", "randomness", "password"):
            continue
        for key in ("vuln", "safe"):
            source = (CORPUS / str(row[key])).read_text()
            base = rules(source)
            for name, rewrite in REWRITES.items():
                out = rewrite(source)
                if out is not None and bool(rules(out)) != bool(base):
                    changed.append((row[key], name))
    assert not changed


def test_credential_reported_once_where_it_is_written() -> None:
    source = 'VALID_TOKEN = "s3cr3t-tok3n"\n\n\ndef check(sent):\n    return sent == VALID_TOKEN\n'
    found = [f for f in secret_findings(ast.parse(source)) if f.rule_id.endswith("hardcoded-credential")]
    assert [f.line for f in found] == [1]
