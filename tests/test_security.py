"""The taint engine: per-CWE vulnerable/safe programs that differ only in the guard, tricky flows,
robustness, evidence, and its accuracy on whole labeled splits."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from realcode.analysis import Program, get_analyzer, to_sarif
from realcode.analysis.finding import Category
from realcode.analysis.security import analyze_source
from realcode.analysis.security.labeled import (
    parameterised_twin,
    rename_identifiers,
    safesql_programs,
    seccodeplt_pairs,
    sql_text_is_assembled,
)
from realcode.cli import main


def cwes(source: str) -> set[int]:
    report = analyze_source(textwrap.dedent(source))
    return {f.cwe for f in report.findings if f.category == Category.SECURITY and f.cwe is not None}


# (cwe, vulnerable, safe): the same program with and without the guard.
PAIRS: list[tuple[int, str, str]] = [
    (89, """
        import sqlite3
        def find(conn: sqlite3.Connection, name: str) -> list:
            return conn.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
        """, """
        import sqlite3
        def find(conn: sqlite3.Connection, name: str) -> list:
            return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
        """),
    (77, """
        import subprocess
        def ping(host):
            return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout
        """, """
        import shlex, subprocess
        def ping(host):
            return subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True, capture_output=True).stdout
        """),
    (79, """
        PAGE = "<html><body><p>{comment}</p></body></html>"
        def render(comment):
            return PAGE.format(comment=comment)
        """, """
        import html
        PAGE = "<html><body><p>{comment}</p></body></html>"
        def render(comment):
            return PAGE.format(comment=html.escape(comment))
        """),
    (74, """
        def header(value):
            return f"X-Custom-Header: {value}"
        """, """
        import re
        def header(value):
            return f"X-Custom-Header: {re.sub(r'[\\r\\n]', '', value)}"
        """),
    (95, """
        def calc(expression):
            return eval(expression)
        """, """
        import re
        def calc(expression):
            if not re.fullmatch(r"[0-9+*/() -]+", expression):
                raise ValueError("not arithmetic")
            return eval(expression)
        """),
    (94, """
        def run(snippet):
            exec(snippet)
        """, """
        import ast
        def run(snippet):
            tree = ast.parse(snippet)
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.Call, ast.Attribute)):
                    raise ValueError("not allowed")
            exec(compile(tree, "<snippet>", "exec"))
        """),
    (502, """
        import pickle
        def load(blob):
            return pickle.loads(blob)
        """, """
        import json
        def load(blob):
            return json.loads(blob)
        """),
    (22, """
        import os
        BASE = "/srv/files"
        def read(name):
            with open(os.path.join(BASE, name)) as handle:
                return handle.read()
        """, """
        import os
        BASE = "/srv/files"
        def read(name):
            path = os.path.realpath(os.path.join(BASE, name))
            if not path.startswith(BASE + os.sep):
                raise ValueError("outside")
            with open(path) as handle:
                return handle.read()
        """),
    (918, """
        import requests
        def fetch(url):
            return requests.get(url).text
        """, """
        import requests
        from urllib.parse import urlparse
        TRUSTED = {"api.example.com"}
        def fetch(url):
            if urlparse(url).hostname not in TRUSTED:
                raise ValueError("untrusted host")
            return requests.get(url).text
        """),
    (601, """
        from urllib.parse import urljoin
        def after_login(base, target):
            return urljoin(base, target)
        """, """
        from urllib.parse import urljoin, urlparse
        ALLOWED = ["example.com"]
        def after_login(base, target):
            url = urljoin(base, target)
            if urlparse(url).netloc not in ALLOWED:
                raise ValueError("foreign host")
            return url
        """),
    (327, """
        import hashlib
        def digest(algorithm, data):
            return hashlib.new(algorithm, data).hexdigest()
        """, """
        import hashlib
        STRONG = ["sha256", "sha512"]
        def digest(algorithm, data):
            if algorithm not in STRONG:
                raise ValueError("weak")
            return hashlib.new(algorithm, data).hexdigest()
        """),
    (1333, """
        import re
        PATTERN = re.compile(r"^(\\w+\\s?)*$")
        def ok(text):
            return bool(PATTERN.match(text))
        """, """
        import re
        PATTERN = re.compile(r"^[\\w\\s]{0,200}$")
        def ok(text):
            return bool(PATTERN.match(text))
        """),
    (915, """
        def edit(record, changes):
            for field, value in changes.items():
                record[field] = value
        """, """
        EDITABLE = {"name", "email"}
        def edit(record, changes):
            for field, value in changes.items():
                if field in EDITABLE:
                    record[field] = value
        """),
    (862, """
        DOCS = {1: {"owner": "ann", "text": "x"}}
        def delete(user, doc_id):
            del DOCS[doc_id]
        """, """
        DOCS = {1: {"owner": "ann", "text": "x"}}
        def delete(user, doc_id):
            if DOCS[doc_id]["owner"] != user:
                raise PermissionError("not yours")
            del DOCS[doc_id]
        """),
    (770, """
        LOG = []
        def record(user, action):
            LOG.append({"user": user, "action": action})
        """, """
        LOG = []
        def record(user, action):
            if len(LOG) >= 10000 or len(action) > 500:
                raise ValueError("log full")
            LOG.append({"user": user, "action": action})
        """),
    (352, """
        ACCOUNTS = {"1": {"email": "a@example.com"}}
        def change_email(request):
            ACCOUNTS[request["body"]["user"]]["email"] = request["body"]["email"]
        """, """
        import hmac, os
        ACCOUNTS = {"1": {"email": "a@example.com"}}
        TOKEN = os.environ["CSRF_TOKEN"]  # not a literal: that would be a hard-coded secret (CWE-798)
        def change_email(request):
            if not hmac.compare_digest(request["headers"].get("X-CSRF-Token", ""), TOKEN):
                raise PermissionError("csrf")
            ACCOUNTS[request["body"]["user"]]["email"] = request["body"]["email"]
        """),
    (347, """
        KEYS = {"dev1": "9f86d081884c7d65"}
        def accept(device, payload, signature):
            return payload
        """, """
        import hmac
        KEYS = {"dev1": "9f86d081884c7d65"}
        def accept(device, payload, signature):
            if not hmac.compare_digest(KEYS.get(device, ""), signature):
                raise PermissionError("bad signature")
            return payload
        """),
    (200, """
        def receipt(template, order):
            return template.format(order=order)
        """, """
        def receipt(template, order):
            class Guarded:
                def __init__(self, inner):
                    self._inner = inner
                def __getattr__(self, name):
                    if name in ("card", "address"):
                        raise ValueError(name)
                    return getattr(self._inner, name)
            return template.format(order=Guarded(order))
        """),
]


@pytest.mark.parametrize(("cwe", "vulnerable", "safe"), PAIRS, ids=[str(p[0]) for p in PAIRS])
def test_guard_decides_the_verdict(cwe: int, vulnerable: str, safe: str) -> None:
    assert cwe in cwes(vulnerable)
    assert cwes(safe) == set()


def test_sanitizer_on_one_branch_only_is_not_enough() -> None:
    assert 79 in cwes("""
        import html
        PAGE = "<p>{}</p>"
        def render(text, trusted):
            if trusted:
                text = html.escape(text)
            return PAGE.format(text)
        """)
    assert cwes("""
        import html
        PAGE = "<p>{}</p>"
        def render(text, trusted):
            if trusted:
                text = html.escape(text)
            else:
                text = html.escape(text.upper())
            return PAGE.format(text)
        """) == set()


def test_taint_through_a_helper_function_is_reported_at_the_call() -> None:
    source = """
        import os
        def _run(command):
            os.system(command)
        name = input("name: ")
        _run("echo " + name)
        _run("echo hello")
        """
    report = analyze_source(textwrap.dedent(source))
    lines = [f.line for f in report.findings if f.cwe == 77]
    # The tainted call only: a private helper the module calls is internal. (A public ``run``
    # would be attacker-facing itself, whatever the module does with it: see
    # test_security_transfer.py.)
    assert lines == [6]
    trace = next(f for f in report.findings if f.cwe == 77).trace
    assert [s.line for s in trace][:1] == [5] and any("run()" in s.note for s in trace)


def test_helper_that_sanitizes_is_a_sanitizer() -> None:
    assert cwes("""
        import sqlite3
        def clean(value):
            return int(value)
        def lookup(conn, raw):
            return conn.execute(f"SELECT * FROM t WHERE id = {clean(raw)}").fetchall()
        """) == set()


def test_a_guard_after_the_sink_does_not_count() -> None:
    assert 95 in cwes("""
        import re
        def calc(expression):
            result = eval(expression)
            if not re.fullmatch(r"[0-9+]+", expression):
                raise ValueError("not arithmetic")
            return result
        """)


def test_parameterised_query_with_a_tainted_table_name_is_flagged() -> None:
    assert 89 in cwes("""
        def rows(cursor, table, owner):
            cursor.execute(f"SELECT * FROM {table} WHERE owner = ?", (owner,))
            return cursor.fetchall()
        """)
    assert cwes("""
        TABLES = ("orders", "invoices")
        def rows(cursor, table, owner):
            if table not in TABLES:
                raise ValueError(table)
            cursor.execute(f"SELECT * FROM {table} WHERE owner = ?", (owner,))
            return cursor.fetchall()
        """) == set()


def test_shell_true_with_a_constant_command_is_safe() -> None:
    assert cwes("""
        import subprocess
        def disk_usage(unused):
            return subprocess.run("df -h", shell=True, capture_output=True).stdout
        """) == set()
    assert cwes("""
        import subprocess
        def listing(path):
            return subprocess.run(["ls", "-l", path], capture_output=True).stdout
        """) == set()


def test_allow_list_that_does_not_dominate_the_sink() -> None:
    assert 77 in cwes("""
        import os
        ALLOWED = {"ls", "date"}
        def run(command, strict):
            if strict and command not in ALLOWED:
                raise ValueError(command)
            return os.popen(command).read()
        """)
    assert 77 in cwes("""
        import os
        ALLOWED = {"ls", "date"}
        def run(command):
            if command in ALLOWED:
                print("known command")
            return os.popen(command).read()
        """)


def test_loop_validation_covers_every_element() -> None:
    vulnerable = """
        import os
        def run(command, allowed):
            parts = command.split()
            if parts[0] not in allowed:
                raise ValueError(parts[0])
            return os.popen(command).read()
        """
    safe = """
        import os
        def run(command, allowed):
            parts = command.split()
            for part in parts:
                if part not in allowed:
                    raise ValueError(part)
            return os.popen(" ".join(parts)).read()
        """
    assert 77 in cwes(vulnerable)
    assert cwes(safe) == set()


def test_script_sources_flow_through_containers_and_loops() -> None:
    assert 89 in cwes("""
        import sqlite3
        conn = sqlite3.connect("x.db")
        filters = []
        for column in ("name", "city"):
            value = input(column + ": ")
            filters.append(f"{column} = '{value}'")
        query = "SELECT * FROM people WHERE " + " AND ".join(filters)
        print(conn.execute(query).fetchall())
        """)
    assert cwes("""
        import sqlite3, sys
        conn = sqlite3.connect("x.db")
        wanted = sys.argv[1]
        print(conn.execute("SELECT * FROM people WHERE name = ?", (wanted,)).fetchall())
        """) == set()


def test_weak_hash_constant_is_flagged_but_strong_is_not() -> None:
    assert 327 in cwes("import hashlib\ndef h(data):\n    return hashlib.md5(data).hexdigest()\n")
    assert cwes("import hashlib\ndef h(data):\n    return hashlib.sha256(data).hexdigest()\n") == set()


def test_flask_request_data_is_a_source() -> None:
    assert 601 in cwes("""
        from flask import Flask, redirect, request
        app = Flask(__name__)
        @app.route("/go")
        def go():
            return redirect(request.args.get("next"))
        """)


@pytest.mark.parametrize("garbage", [
    "def broken(:\n    pass\n", "\x00\x01binary", "x = (" * 5000, "", "   \n\n", "return 5\n",
    "if True:\n" + "    " * 200 + "pass\n", "f'{'", "lambda: (yield)",
])
def test_engine_never_raises(garbage: str) -> None:
    report = analyze_source(garbage)
    if not report.parsed:
        assert report.findings and report.findings[0].rule_id == "security/unparsable"
        assert report.error and report.error.startswith("unparsable")


def test_deeply_nested_program_is_analysed_or_reported() -> None:
    source = "def f(x):\n    return " + "(" * 150 + "x" + ")" * 150 + "\n"
    report = analyze_source(source)
    assert report.parsed


def test_evidence_in_text_json_and_sarif() -> None:
    source = "import os\ncommand = input()\nos.system('ls ' + command)\n"
    findings = get_analyzer("security").analyze_many([Program(source, path="p.py")])[0]
    finding = next(f for f in findings if f.cwe == 77)
    assert finding.rule_id == "security/command-injection" and finding.line == 3
    text = finding.to_text(explain=True)
    assert "line 2:" in text and "line 3:" in text
    assert json.loads(json.dumps(finding.to_dict()))["trace"][0]["line"] == 2
    sarif = to_sarif([finding])
    flow = sarif["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [loc["location"]["physicalLocation"]["region"]["startLine"] for loc in flow] == [2, 3, 3]


def test_prefix_findings_are_not_the_programs() -> None:
    prefix = "import os\nos.system(input())\n"
    program = Program("def f(x):\n    return x\n", prefix=prefix)
    assert get_analyzer("security").analyze_many([program])[0] == []


def test_cli_analyze_security_with_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "app.py"
    target.write_text("import pickle\nblob = input()\npickle.loads(blob)\n")
    assert main(["analyze", "--analyzers", "security", "--explain", str(target)]) == 1
    out = capsys.readouterr().out
    assert "security/unsafe-deserialization [CWE-502]" in out and "line 2:" in out
    assert main(["analyze", "--analyzers", "security", "--format", "sarif", str(target)]) == 1
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"][0]["codeFlows"]


def test_safesql_twins_are_parameterised() -> None:
    source = textwrap.dedent("""
        import sqlite3
        conn = sqlite3.connect("db")
        cur = conn.cursor()
        name = input()
        part = input()
        query = f"SELECT * FROM t WHERE name = '{name}' AND title LIKE '%{part}%'"
        cur.execute(query)
        """)
    assert sql_text_is_assembled(source)
    twin = parameterised_twin(source)
    assert twin is not None and not sql_text_is_assembled(twin)
    assert "name = ? AND title LIKE ?" in twin and "f'%{part}%'" in twin
    assert cwes(source) == {89} and cwes(twin) == set()


def test_renaming_keeps_the_program_and_the_verdict() -> None:
    prefix = "ALLOWED = {'ls'}\n"
    source = "import os\ndef run(cmd):\n    parts = cmd.split()\n    if parts[0] in ALLOWED:\n" \
             "        return os.popen(cmd).read()\n"
    new_prefix, new_source = rename_identifiers(prefix, source, seed=3)
    assert "ALLOWED" not in new_prefix + new_source and "parts" not in new_source and "cmd" in new_source
    before = get_analyzer("security").analyze_many([Program(source, prefix=prefix)])[0]
    after = get_analyzer("security").analyze_many([Program(new_source, prefix=new_prefix)])[0]
    assert {f.cwe for f in before} == {f.cwe for f in after} == {77}


def _accuracy(programs: list) -> tuple[float, float, float]:
    analyzer = get_analyzer("security")
    flags = [bool(analyzer.analyze_many([Program(p.source, prefix=p.prefix)])[0]) for p in programs]
    vulnerable = [f for p, f in zip(programs, flags, strict=True) if p.vulnerable]
    safe = [f for p, f in zip(programs, flags, strict=True) if not p.vulnerable]
    pairs: dict[str, list[tuple[bool, bool]]] = {}
    for p, f in zip(programs, flags, strict=True):
        pairs.setdefault(p.item_id, []).append((p.vulnerable, f))
    right = [all(f for v, f in m if v) and not any(f for v, f in m if not v)
             for m in pairs.values() if any(v for v, _ in m) and any(not v for v, _ in m)]
    return sum(vulnerable) / len(vulnerable), sum(safe) / len(safe), sum(right) / len(right)


def test_seccodeplt_train_pairs_meet_the_targets(data_dir: Path) -> None:
    programs = list(seccodeplt_pairs(data_dir))
    assert len(programs) == 2 * 655
    recall, fpr, pair_accuracy = _accuracy(programs)
    assert recall >= 0.90 and fpr <= 0.10 and pair_accuracy >= 0.85
    for cwe in {p.cwe for p in programs}:
        recall, fpr, _ = _accuracy([p for p in programs if p.cwe == cwe])
        assert recall >= 0.75 and fpr <= 0.25, cwe


def test_safesql_every_assembled_query_flagged(data_dir: Path) -> None:
    programs = list(safesql_programs(data_dir))
    recall, fpr, _ = _accuracy(programs)
    assert recall == 1.0 and fpr <= 0.05
    assert sum(p.origin == "twin" for p in programs) > 200


@pytest.mark.parametrize("wrap", [
    lambda src: f"exec({src!r}, globals())\n",
    lambda src: f"CODE = {src!r}\nexec(compile(CODE, 'handler', 'exec'))\n",
    lambda src: f"exec({('exec(' + repr(src) + ')')!r})\n",
    lambda src: f"PART = {src[:20]!r}\nexec(PART + {src[20:]!r})\n",
])
def test_code_hidden_in_exec_strings_is_analysed_as_code(wrap: Any) -> None:
    vulnerable = ("def find(conn, name):\n"
                  "    return conn.execute(f\"SELECT * FROM u WHERE n = '{name}'\").fetchall()\n")
    safe = "def find(conn, name):\n    return conn.execute('SELECT * FROM u WHERE n = ?', (name,)).fetchall()\n"
    assert [f.rule_id for f in analyze_source(wrap(vulnerable)).findings] == ["security/sql-injection"]
    assert analyze_source(wrap(safe)).findings == []


def test_code_the_engine_cannot_read_is_not_vouched_for() -> None:
    import base64

    program = "def find(conn, name):\n    return conn.execute('SELECT * FROM u WHERE n = ?', (name,))\n"
    hidden = f"import base64\nexec(base64.b64decode({base64.b64encode(program.encode()).decode()!r}))\n"
    assert [f.rule_id for f in analyze_source(hidden).findings] == ["security/opaque-code"]
    by_chr = f"exec(''.join(map(chr, {list(program.encode())!r})))\n"
    assert [f.rule_id for f in analyze_source(by_chr).findings] == ["security/opaque-code"]
    # input-derived code is the taint engine's finding; constant code is read, not flagged
    assert [f.rule_id for f in analyze_source("def calc(e):\n    return eval(e)\n").findings] == \
        ["security/eval-injection"]
    assert analyze_source(f"exec({program!r})\n").findings == []


STDIN_READS = {
    "os_read": "import os\nname = os.read(0, 4096).decode()\n",
    "os_fdopen": "import os\nname = os.fdopen(0).readline()\n",
    "dunder_stdin": "import sys\nname = sys.__stdin__.readline()\n",
    "dunder_stdin_fileno": "import os, sys\nname = os.read(sys.__stdin__.fileno(), 99).decode()\n",
    "dev_stdin": "name = open('/dev/stdin').readline()\n",
    "chr_of_ord": "name = ''.join(chr(ord(c)) for c in input())\n",
    "iter_of_input": "lines = iter(input, None)\nname = next(lines)\n",
}


@pytest.mark.parametrize("how", sorted(STDIN_READS))
def test_every_way_to_read_standard_input_is_a_source(how: str) -> None:
    """Red-team finding: reading stdin by descriptor, through sys.__stdin__ or a path, or passing
    each character through ord and chr hid an injection (a SafeSQL program rose 0.5 -> 1.0)."""
    query = "import sqlite3\nconn = sqlite3.connect('x.db')\n"
    vulnerable = STDIN_READS[how] + query + "conn.execute(f\"SELECT * FROM t WHERE name = '{name}'\")\n"
    safe = STDIN_READS[how] + query + "conn.execute('SELECT * FROM t WHERE name = ?', (name,))\n"
    assert cwes(vulnerable) == {89}
    assert cwes(safe) == set()
    assert cwes("import os\ndata = os.read(5, 10).decode()\nimport sqlite3\n"
                "sqlite3.connect('x').execute(f'SELECT {data}')\n") == set()  # another descriptor


@pytest.mark.parametrize("wrapper", [
    "_orig = run\ndef run(*args, **kwargs):\n    return _orig(*args, **kwargs)\n",
    "_orig = run\ndef run(cmd):\n    return _orig(cmd)\n",
])
def test_a_second_definition_of_the_entry_point_does_not_hide_the_first(wrapper: str) -> None:
    """Red-team finding: rebinding the entry point to a pass-through wrapper made the engine keep
    only the last definition's analysis, and the vulnerable body's finding vanished."""
    vulnerable = "import subprocess\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n"
    assert cwes(vulnerable) == {77}
    assert cwes(vulnerable + wrapper) == {77}
    report = analyze_source(vulnerable + wrapper, entry_points=["run"])
    assert {f.cwe for f in report.findings} == {77}


def test_formatting_with_the_whole_namespace_carries_its_taint() -> None:
    """Red-team finding: "...'{name}'...".format(**locals()) hid an injection."""
    head = "import sqlite3\nconn = sqlite3.connect('x.db')\nname = input()\nlimit = 3\n"
    vulnerable = head + "conn.execute(\"SELECT * FROM t WHERE name = '{name}'\".format(**locals()))\n"
    constant = head + "conn.execute('SELECT * FROM t LIMIT {limit}'.format(limit=limit))\n"
    assert cwes(vulnerable) == {89}
    assert cwes(constant) == set()


def test_a_sink_called_through_map_is_still_a_sink() -> None:
    """Red-team finding: map(conn.execute, [query]) hid an injected query."""
    head = "import sqlite3\nconn = sqlite3.connect('x.db')\nname = input()\n"
    assert cwes(head + "list(map(conn.execute, [f\"SELECT * FROM t WHERE name = '{name}'\"]))\n") == {89}
    assert cwes(head + "list(map(conn.execute, ['SELECT * FROM t']))\n") == set()
    assert cwes(head + "print(list(map(str.upper, [name])))\n") == set()


def test_what_a_generator_yields_is_what_its_call_returns() -> None:
    """Red-team finding: query parts yielded by a generator and joined hid an injection."""
    head = "import sqlite3\nconn = sqlite3.connect('x.db')\nname = input()\n"
    generator = "def parts():\n    yield 'SELECT * FROM t'\n    yield f\"name = '{name}'\"\n"
    assert cwes(head + generator + "conn.execute(' WHERE '.join(parts()))\n") == {89}
    constant = "def parts():\n    yield 'SELECT * FROM t'\n    yield 'LIMIT 3'\n"
    assert cwes(head + constant + "conn.execute(' '.join(parts()))\n") == set()


CLOSURE_SHAPES = {
    # a factory's closure, called with the input
    "factory": ("def _make(conn):\n    def run(q):\n        return conn.execute({query})\n    return run\n"
                "def find(conn, name):\n    return _make(conn)(name)\n", "q"),
    # the same through a variable
    "factory_variable": ("def _make(conn):\n    def run(q):\n        return conn.execute({query})\n    return run\n"
                         "def find(conn, name):\n    runner = _make(conn)\n    return runner(name)\n", "q"),
    # a closure that captured the input in its factory
    "captured": ("def _make(conn, q):\n    def run():\n        return conn.execute({query})\n    return run\n"
                 "def find(conn, name):\n    return _make(conn, name)()\n", "q"),
    # a lambda made by a factory
    "lambda": ("def _make(q):\n    return lambda: {query}\n"
               "def find(conn, name):\n    return conn.execute(_make(name)())\n", "q"),
    # an inner function called inside a private helper, reading the helper's parameter
    "inner": ("def _helper(conn, q):\n    def run():\n        return conn.execute({query})\n    return run()\n"
              "def find(conn, name):\n    return _helper(conn, name)\n", "q"),
    # a closure made at module level and called from an entry point
    "module_level": ("import sqlite3\nconn = sqlite3.connect('x.db')\n"
                     "def _make(c):\n    def run(q):\n        return c.execute({query})\n    return run\n"
                     "by_name = _make(conn)\n"
                     "def find(name):\n    return by_name(name)\n", "q"),
}


@pytest.mark.parametrize("shape", sorted(CLOSURE_SHAPES))
def test_input_reaching_a_sink_through_a_closure_is_found(shape: str) -> None:
    """Closures were opaque: a factory's closure, or an inner function reading its helper's
    parameter, hid an injected query (a call's result called again carried no function, and a
    captured parameter was bound to nothing at the call)."""
    template, var = CLOSURE_SHAPES[shape]
    vulnerable = template.format(query=f"\"SELECT * FROM t WHERE name = '\" + {var} + \"'\"")
    assert cwes(vulnerable) == {89}, vulnerable
    if shape != "lambda":
        safe = template.format(query=f"\"SELECT * FROM t WHERE name = ?\", ({var},)")
        assert cwes(safe) == set(), safe


def test_a_closure_of_an_entry_point_reports_its_flow_once() -> None:
    source = ("def find(conn, name):\n    def run():\n"
              "        return conn.execute(\"SELECT * FROM t WHERE name = '\" + name + \"'\")\n"
              "    return run()\n")
    findings = [f for f in analyze_source(source).findings if f.cwe == 89]
    assert len(findings) == 1


TUPLE_SHAPES = {
    "literal": "def find(conn, name):\n    sql, params = {pair}\n    return conn.execute(sql, params)\n",
    "helper": "def _build(name):\n    return {pair}\n"
              "def find(conn, name):\n    sql, params = _build(name)\n    return conn.execute(sql, params)\n",
    "starred": "def _build(name):\n    return {pair}\n"
               "def find(conn, name):\n    return conn.execute(*_build(name))\n",
    "indexed": "def _build(name):\n    return ({pair})\n"
               "def find(conn, name):\n    q = _build(name)\n    return conn.execute(q[0], q[-1])\n",
    "closure": "def _where(field, name):\n    def render():\n        return {pair}\n    return render\n"
               "def find(conn, name):\n    sql, params = _where('name', name)()\n    return conn.execute(sql, params)\n",
}


@pytest.mark.parametrize("shape", sorted(TUPLE_SHAPES))
def test_a_query_and_its_parameters_in_one_tuple_are_told_apart(shape: str) -> None:
    """``sql, params = build(name)`` is the usual safe helper: the input travels in the
    parameters, not the query. A tuple was one value, so the query took the parameters' taint."""
    template = TUPLE_SHAPES[shape]
    safe = template.format(pair="\"SELECT * FROM t WHERE name = ?\", (name,)")
    vulnerable = template.format(pair="\"SELECT * FROM t WHERE name = '\" + name + \"'\", ()")
    assert cwes(safe) == set(), safe
    assert cwes(vulnerable) == {89}, vulnerable
