"""Checks written as the program's own helpers: a predicate (``if not _inside(path): abort()``)
proves what it checked wherever it returns something truthy, a validator that raises proves it
once the call returns. A helper that returns True regardless, checks another value, rebinds its
parameter or only logs proves nothing, and neither does a predicate's result read the wrong way."""

from __future__ import annotations

import pytest

from realcode.analysis.security.engine import analyze_source

HEAD = """\
import os
import sqlite3
from flask import abort, request

BASE = os.path.realpath("/srv/files")
COLUMNS = {"name", "email"}
conn = sqlite3.connect("a.db")
"""

SAFE = {
    "pred": """\
def _inside(path):
    return os.path.realpath(path).startswith(BASE + os.sep)

def view():
    path = os.path.join(BASE, request.args["f"])
    if not _inside(path):
        abort(403)
    return open(path).read()
""",
    "pred_method": """\
class _Guard:
    def allowed(self, column):
        return column in COLUMNS

GUARD = _Guard()

def view():
    column = request.args["sort"]
    if not GUARD.allowed(column):
        abort(400)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
    "pred_sql": """\
def _allowed(column):
    return column in COLUMNS

def view():
    column = request.args["sort"]
    if not _allowed(column):
        abort(400)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
    "validator_sql": """\
def _check_column(column):
    if column not in COLUMNS:
        raise ValueError(column)

def view():
    column = request.args["sort"]
    _check_column(column)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
}

VULNERABLE = {
    "pred_always_true": """\
def _inside(path):
    print(path)
    return True

def view():
    path = os.path.join(BASE, request.args["f"])
    if not _inside(path):
        abort(403)
    return open(path).read()
""",
    "pred_early_true": """\
def _inside(path, fast=True):
    if fast:
        return True
    return os.path.realpath(path).startswith(BASE + os.sep)

def view():
    path = os.path.join(BASE, request.args["f"])
    if not _inside(path):
        abort(403)
    return open(path).read()
""",
    "pred_or": """\
def _allowed(column):
    return column in COLUMNS or len(column) < 40

def view():
    column = request.args["sort"]
    if not _allowed(column):
        abort(400)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
    "pred_other_arg": """\
def _inside(path, other):
    return os.path.realpath(other).startswith(BASE + os.sep)

def view():
    path = os.path.join(BASE, request.args["f"])
    if not _inside(path, BASE + "/x"):
        abort(403)
    return open(path).read()
""",
    "pred_rebinds": """\
def _inside(path):
    path = BASE + "/index.html"
    return os.path.realpath(path).startswith(BASE + os.sep)

def view():
    path = os.path.join(BASE, request.args["f"])
    if not _inside(path):
        abort(403)
    return open(path).read()
""",
    "pred_wrong_negation": """\
def _inside(path):
    return os.path.realpath(path).startswith(BASE + os.sep)

def view():
    path = os.path.join(BASE, request.args["f"])
    if _inside(path):
        abort(403)
    return open(path).read()
""",
    "validator_logs": """\
def _check_column(column):
    if column not in COLUMNS:
        print("bad column", column)

def view():
    column = request.args["sort"]
    _check_column(column)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
    "validator_other_value": """\
def _check_column(column):
    if column not in COLUMNS:
        raise ValueError(column)

def view():
    column = request.args["sort"]
    _check_column("name")
    return conn.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()
""",
}


def _security(body: str) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in analyze_source(HEAD + body).findings if f.category.value == "security"]


@pytest.mark.parametrize("name", sorted(SAFE))
def test_a_check_in_a_helper_holds_at_the_call(name: str) -> None:
    assert _security(SAFE[name]) == []


@pytest.mark.parametrize("name", sorted(VULNERABLE))
def test_a_helper_that_does_not_check_proves_nothing(name: str) -> None:
    assert _security(VULNERABLE[name]), name
