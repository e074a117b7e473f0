"""Ways to pass input to a sink through a store the analysis did not follow (red-team list of
this session): each hid an injected query or command from the engine. Every shape comes with a
safe twin, the same program with constant data in the store, which must stay clean."""

from __future__ import annotations

import pytest

from realcode.analysis.finding import Category
from realcode.analysis.security.engine import analyze_source

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


def test_a_file_the_program_did_not_write_to_is_not_its_input() -> None:
    program = HEAD + ("def run(name):\n    with open('/tmp/log', 'a') as f:\n        f.write(name)\n"
                      "    with open('/etc/app.conf') as f:\n        cmd = f.read().strip()\n"
                      "    return subprocess.run(cmd, shell=True)\n")
    assert "security/command-injection" not in security_rules(program)
