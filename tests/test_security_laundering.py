"""Ways to pass input to a sink through a store the analysis did not follow (red-team list of
this session): each hid an injected query or command from the engine. Every shape comes with a
safe twin, the same program with constant data in the store, which must stay clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from realcode.analysis.finding import Category
from realcode.analysis.security.engine import analyze_source
from realcode.analysis.security.regex import allow_list_kinds

HEAD = "import sqlite3, subprocess, json, pathlib, os\nconn = sqlite3.connect('x.db')\n"
QUERY = "\"SELECT * FROM t WHERE name = '\" + {v} + \"'\""

# name -> program with {data}: the input (``name``) or a constant in the store
SHAPES = {
    "module_dict_filled_by_a_helper": "STATE = {{}}\ndef _put(x):\n    STATE['q'] = x\n"
                                      "def find(name):\n    _put({data})\n    return conn.execute(" + QUERY.format(v="STATE['q']") + ")\n",
    "module_list_appended": "SEEN = []\ndef _put(x):\n    SEEN.append(x)\n"
                            "def find(name):\n    _put({data})\n    return conn.execute(" + QUERY.format(v="SEEN[-1]") + ")\n",
    "dict_update_over_a_known_key": "def find(name):\n    d = {{'k': 'x'}}\n    d.update(k={data})\n"
                                    "    return conn.execute(" + QUERY.format(v="d['k']") + ")\n",
    "setattr_on_an_object": "class Box:\n    pass\ndef find(name):\n    b = Box()\n    setattr(b, 'v', {data})\n"
                            "    return conn.execute(" + QUERY.format(v="b.v") + ")\n",
    "context_variable": "import contextvars\nCV = contextvars.ContextVar('q')\ndef find(name):\n    CV.set({data})\n"
                        "    return conn.execute(" + QUERY.format(v="CV.get()") + ")\n",
    "default_argument": "def find(name):\n    def g(x={data}):\n        return x\n    return conn.execute(" + QUERY.format(v="g()") + ")\n",
    "lambda_default": "def find(name):\n    f = lambda x={data}: x\n    return conn.execute(" + QUERY.format(v="f()") + ")\n",
    "nonlocal_write": "def find(name):\n    v = ''\n    def g():\n        nonlocal v\n        v = {data}\n    g()\n"
                      "    return conn.execute(" + QUERY.format(v="v") + ")\n",
    "class_body_in_a_function": "def find(name):\n    class B:\n        v = {data}\n    return conn.execute(" + QUERY.format(v="B.v") + ")\n",
    "sum_of_lists": "def find(name):\n    q = ''.join(sum([[\"SELECT * FROM t WHERE name = '\"], [{data}], [\"'\"]], []))\n"
                    "    return conn.execute(q)\n",
    "unbound_method_through_type": "def find(name):\n    return type(conn).execute(conn, " + QUERY.format(v="{data}") + ")\n",
    "unbound_method_through_the_class": "def find(name):\n    return sqlite3.Connection.execute(conn, " + QUERY.format(v="{data}") + ")\n",
    "dunder_call": "def run(name):\n    f = os.system\n    return f.__call__('ls ' + {data})\n",
    "file_written_then_read": "def find(name):\n    with open('/tmp/q', 'w') as f:\n        f.write({data})\n"
                              "    with open('/tmp/q') as f:\n        v = f.read()\n    return conn.execute(" + QUERY.format(v="v") + ")\n",
    "file_across_helpers": "def _load():\n    with open('/tmp/q') as f:\n        return json.load(f)['cmd']\n"
                           "def _save(x):\n    with open('/tmp/q', 'w') as f:\n        json.dump({{'cmd': x}}, f)\n"
                           "def run(name):\n    _save({data})\n    return subprocess.run(_load(), shell=True)\n",
    "table_written_then_read": "def find(name):\n    cur = conn.cursor()\n"
                               "    cur.execute('INSERT INTO pending (v) VALUES (?)', ({data},))\n"
                               "    cur.execute('SELECT v FROM pending')\n    stored = cur.fetchone()[0]\n"
                               "    return conn.execute(" + QUERY.format(v="stored") + ")\n",
    "table_across_helpers": "def _save(x):\n    conn.execute('INSERT INTO pending (v) VALUES (?)', (x,))\n"
                            "def _latest():\n    return conn.execute('SELECT v FROM pending').fetchone()[0]\n"
                            "def find(name):\n    _save({data})\n    return conn.execute(" + QUERY.format(v="_latest()") + ")\n",
    "path_written_then_read": "P = pathlib.Path('/tmp/q')\ndef _save(x):\n    P.write_text(x)\n"
                              "def run(name):\n    _save({data})\n    return subprocess.run(P.read_text(), shell=True)\n",
}


def security_rules(source: str) -> list[str]:
    report = analyze_source(source)
    return [f.rule_id for f in report.findings if f.category == Category.SECURITY]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_input_through_a_store_still_reaches_the_sink(shape: str) -> None:
    program = HEAD + SHAPES[shape].format(data="name")
    assert any(r in security_rules(program) for r in ("security/sql-injection", "security/command-injection")), program


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_constant_data_through_the_same_store_is_clean(shape: str) -> None:
    program = HEAD + SHAPES[shape].format(data="'alice'")
    assert not [r for r in security_rules(program) if r.endswith("injection")], program


def test_a_table_the_program_did_not_store_input_in_is_not_its_input() -> None:
    program = HEAD + ("def find(name):\n    conn.execute('INSERT INTO log (v) VALUES (?)', (name,))\n"
                      "    column = conn.execute('SELECT col FROM config').fetchone()[0]\n"
                      "    return conn.execute('SELECT ' + column + ' FROM t')\n")
    assert "security/sql-injection" not in security_rules(program)


def test_a_file_the_program_did_not_write_to_is_not_its_input() -> None:
    program = HEAD + ("def run(name):\n    with open('/tmp/log', 'a') as f:\n        f.write(name)\n"
                      "    with open('/etc/app.conf') as f:\n        cmd = f.read().strip()\n"
                      "    return subprocess.run(cmd, shell=True)\n")
    assert "security/command-injection" not in security_rules(program)


EXPORTED = {
    # a closure from a private factory, bound to the public name
    "closure": "def _factory():\n    def _impl(name):\n        return conn.execute({query})\n    return _impl\n"
               "find_user = _factory()\n",
    # a module-level lambda
    "lambda": "find_user = lambda name: conn.execute({query})\n",
    # an instance of a private class with __call__
    "callable_instance": "class _Finder:\n    def __call__(self, name):\n        return conn.execute({query})\n"
                         "find_user = _Finder()\n",
}


@pytest.mark.parametrize("shape", sorted(EXPORTED))
def test_a_function_reached_under_a_public_name_is_an_entry_point(shape: str) -> None:
    """``find_user = _factory()``: outside callers reach the closure with their own arguments,
    whatever its own name; it was judged as a private helper nobody calls."""
    template = EXPORTED[shape]
    vulnerable = HEAD + template.format(query=QUERY.format(v="name"))
    safe = HEAD + template.format(query="\"SELECT * FROM t WHERE name = ?\", (name,)")
    assert "security/sql-injection" in security_rules(vulnerable), vulnerable
    assert "security/sql-injection" not in security_rules(safe), safe


def test_no_audit_evasion_hides_a_starter_programs_weakness() -> None:
    """Each evasion of the reward audit, applied to each flawed starter program, keeps its
    finding (code hidden in an encoded string is flagged as opaque code, CWE-506, instead)."""
    from realcode.audit.hacks import EVASIONS, plain_program
    from realcode.benchmarks import load_benchmark

    checked = 0
    for task in load_benchmark("starter", None).tasks:
        plain = plain_program(task)
        found = {f.cwe for f in analyze_source(plain).findings if f.category == Category.SECURITY} if plain else set()
        if not found:
            continue
        for name, (_description, transform) in EVASIONS.items():
            program = transform(plain, task)
            if program is None or program == plain:
                continue
            checked += 1
            kept = {f.cwe for f in analyze_source(program).findings if f.category == Category.SECURITY}
            assert found & kept or 506 in kept, (task.id, name, found, kept)
    assert checked >= 250


EVASIONS_DIR = Path(__file__).parent / "security_evasions"
EVASION_PAIRS = [json.loads(line) for line in (EVASIONS_DIR / "manifest.jsonl").read_text().splitlines() if line]


@pytest.mark.parametrize("pair", EVASION_PAIRS, ids=[p["name"] for p in EVASION_PAIRS])
def test_red_team_evasions_are_found_and_their_fixes_are_clean(pair: dict[str, str]) -> None:
    vulnerable = (EVASIONS_DIR / f"{pair['name']}.vuln.py").read_text()
    safe = (EVASIONS_DIR / f"{pair['name']}.safe.py").read_text()
    assert security_rules(vulnerable), (pair["name"], pair["trick"])
    assert not security_rules(safe), pair["name"]


@pytest.mark.parametrize(("pattern", "flags", "proves"), [
    (r"^[A-Za-z0-9_]+$", 0, "everything"),
    (r"^\d{1,6}\Z", 0, "everything"),
    (r"^[a-z]+$", re.MULTILINE, "nothing"),  # $ at any line end: "abc\nid" matches
    (r"(?m)^\w+$", 0, "nothing"),
    (r"^[a-z]+|[0-9]+$", 0, "nothing"),  # the anchor binds one alternative only
    (r"^[^;&|]+$", 0, "nothing"),  # a deny-list: $(id) passes
    (r"[a-z]+", 0, "nothing"),  # not anchored at the end
    (r"^[\w./-]+$", 0, "not path"),  # ../../etc/passwd passes
    (r"^[\d+*/(). -]+$", 0, "eval"),  # a calculator's expression: no names, no strings
])
def test_a_pattern_proves_only_what_its_characters_allow(pattern: str, flags: int, proves: str) -> None:
    kinds = allow_list_kinds(pattern, flags)
    if proves == "everything":
        assert kinds is None
    elif proves == "nothing":
        assert kinds == frozenset()
    elif proves == "not path":
        assert kinds is not None and "path" not in kinds and "sql" in kinds
    else:
        assert kinds is not None and proves in kinds and "shell" not in kinds


def test_filling_a_typed_field_keeps_its_type() -> None:
    """session.add(x) or console.push(x) put data into the object a field holds: the field is still
    that object, so its sinks stay sinks (the fill used to leave an untyped value)."""
    program = ("import code\nclass Repl:\n    def __init__(self):\n        self.console = code.InteractiveConsole()\n"
               "    def feed(self, line):\n        return self.console.push(line)\n")
    assert "security/code-injection" in security_rules(program)


def test_a_key_added_after_the_keys_were_checked_is_not_checked() -> None:
    """Check every key of a dict, then put the caller's own key in: the keys are no longer all
    checked (the check's mark used to survive the insertion)."""
    program = ("import sqlite3\ndef search(filters, extra):\n    for key in filters:\n"
               "        if not key.isidentifier():\n            raise ValueError('bad column')\n"
               "    {insert}\n    clause = ' AND '.join(f'{{k}} = ?' for k in filters)\n"
               "    return sqlite3.connect('a.db').execute('SELECT * FROM t WHERE ' + clause, "
               "tuple(filters.values())).fetchall()\n")
    assert "security/sql-injection" in security_rules(program.format(insert="filters[extra] = 1"))
    assert "security/sql-injection" in security_rules(program.format(insert="filters.update({extra: 1})"))
    assert "security/sql-injection" not in security_rules(program.format(insert="pass"))


@pytest.mark.parametrize(("command", "injectable"), [
    ('f"echo \\"{shlex.quote(m)}\\""', True),  # inside double quotes: $(...) still runs
    ("\"echo '\" + shlex.quote(m) + \"'\"", True),  # inside single quotes: the text is bare
    ('"echo \\"%s\\"" % shlex.quote(m)', True),
    ('"echo \\"{}\\"".format(shlex.quote(m))', True),
    ('f"echo {shlex.quote(m)}"', False),
    ('"echo \\\\\\"" + shlex.quote(m)', False),  # an escaped quote opens nothing
    ('f"ssh host \\"ls\\" {shlex.quote(m)}"', False),  # quotes closed before the piece
])
def test_shell_quoting_holds_only_outside_quotes(command: str, injectable: bool) -> None:
    source = f"import os, shlex\n\ndef run():\n    m = input()\n    os.system({command})\n"
    found = [f for f in analyze_source(source).findings if f.rule_id == "security/command-injection"]
    assert bool(found) == injectable, source


@pytest.mark.parametrize(("call", "vulnerable"), [
    ('threading.Timer(0.1, os.system, ["ls " + name]).start()', True),  # its args at position 2
    ('threading.Timer(0.1, os.system, args=["ls " + name]).start()', True),
    ('threading.Timer(0.1, os.system, ["ls"]).start()', False),
    ('sched.scheduler(time.time, time.sleep).enter(0, 1, os.system, ("ls " + name,))', True),
    ('sched.scheduler(time.time, time.sleep).enter(0, 1, os.system, ("ls",))', False),
    ("numpy.load(io.BytesIO(name.encode()), allow_pickle=True)", True),  # a pickle inside
    ("numpy.load(io.BytesIO(name.encode()))", False),
])
def test_a_callable_run_later_or_a_pickle_in_an_array_file(call: str, vulnerable: bool) -> None:
    source = f"import io, os, sched, threading, time\nimport numpy\n\ndef run(name):\n    return {call}\n"
    found = [f for f in analyze_source(source).findings if f.category == Category.SECURITY]
    assert bool(found) == vulnerable, source


@pytest.mark.parametrize(("call", "vulnerable"), [
    ("shutil.unpack_archive(name, '/srv/out')", True),  # a tar archive extracts where its members say
    ("shutil.unpack_archive(name, '/srv/out', filter='data')", False),
    ("shutil.unpack_archive(os.path.join(name, 'bundle.zip'), '/srv/out')", False),  # zipfile drops '..'
    ("shutil.unpack_archive(name, '/srv/out', format='zip')", False),
    ("shutil.unpack_archive(name, '/srv/out', format='gztar')", True),
])
def test_an_archive_unpacked_without_a_filter(call: str, vulnerable: bool) -> None:
    source = f"import os, shutil\n\ndef unpack():\n    name = input()\n    {call}\n"
    found = [f for f in analyze_source(source).findings if f.rule_id == "security/archive-traversal"]
    assert bool(found) == vulnerable, source
