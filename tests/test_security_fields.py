"""Fields of a program's own classes: a dataclass, NamedTuple or pydantic model is filled by
its generated constructor (its methods read what the caller passed), a check a method makes on
``self.x`` holds for the rest of that method, and what ``__post_init__`` proves of a field holds
for every instance it lets through (on every path that does not raise)."""

from __future__ import annotations

import pytest

from realcode.analysis.security.engine import analyze_source

SAFE = {
    "dataclass_query_with_parameters": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    table: str
    name: str

    def sql(self) -> tuple[str, tuple[str]]:
        return f"SELECT * FROM {self.table} WHERE name = ?", (self.name,)

def view():
    q = Query("users", request.args["name"])
    return sqlite3.connect("a.db").execute(*q.sql()).fetchall()
""",
    "post_init_checks_the_field": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    table: str
    name: str

    def __post_init__(self) -> None:
        if not self.name.isalnum():
            raise ValueError(self.name)

    def sql(self) -> str:
        return f"SELECT * FROM {self.table} WHERE name = '{self.name}'"

def view():
    q = Query("users", request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "method_checks_its_field_first": """\
import sqlite3
from flask import request

class Query:
    def __init__(self, name):
        self.name = name

    def sql(self) -> str:
        if not self.name.isalnum():
            raise ValueError(self.name)
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    return sqlite3.connect("a.db").execute(Query(request.args["name"]).sql()).fetchall()
""",
}

VULNERABLE = {
    "a_field_filled_by_a_method_after_post_init": """\
import sqlite3
from dataclasses import dataclass, field
from flask import request

@dataclass
class Query:
    names: list = field(default_factory=list)

    def __post_init__(self) -> None:
        for name in self.names:
            if not name.isalnum():
                raise ValueError(name)

    def add(self, value: str) -> None:
        self.names.append(value)

    def sql(self) -> str:
        return "SELECT * FROM users WHERE name IN ('" + "','".join(self.names) + "')"

def view():
    q = Query(["bob"])
    q.add(request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "a_field_set_again_by_a_method_after_post_init": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    name: str

    def __post_init__(self) -> None:
        if not self.name.isalnum():
            raise ValueError(self.name)

    def rename(self, value: str) -> None:
        self.name = value

    def sql(self) -> str:
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    q = Query("bob")
    q.rename(request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "a_field_set_from_outside_after_post_init": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    name: str

    def __post_init__(self) -> None:
        if not self.name.isalnum():
            raise ValueError(self.name)

    def sql(self) -> str:
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    q = Query("bob")
    q.name = request.args["name"]
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "a_field_set_from_outside_the_class": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    name: str

    def sql(self) -> str:
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    q = Query("bob")
    q.name = request.args["name"]
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "dataclass_method_builds_a_command": """\
import os
from dataclasses import dataclass

@dataclass
class Job:
    folder: str

    def command(self) -> str:
        return "ls " + self.folder

def run(folder):
    return os.system(Job(folder).command())
""",
    "dataclass_method_builds_a_query": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    table: str
    name: str

    def sql(self) -> str:
        return f"SELECT * FROM {self.table} WHERE name = '{self.name}'"

def view():
    q = Query("users", request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "namedtuple_fields_by_keyword": """\
import subprocess
from typing import NamedTuple
from flask import request

class Job(NamedTuple):
    host: str
    count: int = 1

    def command(self) -> str:
        return f"ping -c {self.count} {self.host}"

def view():
    job = Job(host=request.args["host"])
    return subprocess.check_output(job.command(), shell=True)
""",
    "post_init_checks_another_field": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    table: str
    name: str

    def __post_init__(self) -> None:
        if not self.table.isalnum():
            raise ValueError(self.table)

    def sql(self) -> str:
        return f"SELECT * FROM {self.table} WHERE name = '{self.name}'"

def view():
    q = Query("users", request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "post_init_checks_on_one_path_only": """\
import sqlite3
from dataclasses import dataclass
from flask import request

@dataclass
class Query:
    name: str
    strict: bool = False

    def __post_init__(self) -> None:
        if self.strict and not self.name.isalnum():
            raise ValueError(self.name)

    def sql(self) -> str:
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    q = Query(request.args["name"])
    return sqlite3.connect("a.db").execute(q.sql()).fetchall()
""",
    "a_check_in_another_method_proves_nothing_here": """\
import sqlite3
from flask import request

class Query:
    def __init__(self, name):
        self.name = name

    def check(self) -> bool:
        if not self.name.isalnum():
            raise ValueError(self.name)
        return True

    def sql(self) -> str:
        return f"SELECT * FROM users WHERE name = '{self.name}'"

def view():
    return sqlite3.connect("a.db").execute(Query(request.args["name"]).sql()).fetchall()
""",
}


def _security(source: str) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in analyze_source(source).findings if f.category.value == "security"]


@pytest.mark.parametrize("name", sorted(SAFE))
def test_a_checked_or_parameterized_field_is_clean(name: str) -> None:
    assert _security(SAFE[name]) == []


@pytest.mark.parametrize("name", sorted(VULNERABLE))
def test_input_in_a_field_reaches_the_sink(name: str) -> None:
    assert _security(VULNERABLE[name]), name
