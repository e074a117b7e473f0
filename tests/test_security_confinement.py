"""Path checks against a base directory that is itself a parameter (``safe_join(base, name)``,
a class that keeps its root in a field, a factory's closure): the check holds where the caller's
base is trusted, and the path is a finding where the caller passes input as the base, passes a
base that confines nothing ("/" or ""), or where a helper opens whatever path it is handed."""

from __future__ import annotations

import pytest

from realcode.analysis.security.engine import analyze_source

SAFE = {    "helper_returns_a_checked_path": """\
import os
from flask import request

BASE = "/srv/uploads"

def safe_path(base, name):
    root = os.path.realpath(base)
    path = os.path.realpath(os.path.join(root, name))
    if not path.startswith(root + os.sep):
        raise ValueError(name)
    return path

def download():
    name = request.args["f"]
    with open(safe_path(BASE, name)) as fh:
        return fh.read()
""",
    "helper_opens_a_checked_path": """\
import os
from flask import request

BASE = "/srv/uploads"

def read_in(base, name):
    root = os.path.realpath(base)
    path = os.path.realpath(os.path.join(root, name))
    if not path.startswith(root + os.sep):
        raise ValueError(name)
    with open(path) as fh:
        return fh.read()

def download():
    return read_in(BASE, request.args["f"])
""",
    "class_checks_against_its_field": """\
import os
from flask import request

class Store:
    def __init__(self, base):
        self.base = os.path.realpath(base)

    def read(self, name):
        path = os.path.realpath(os.path.join(self.base, name))
        if os.path.commonpath([path, self.base]) != self.base:
            raise ValueError(name)
        with open(path) as fh:
            return fh.read()

store = Store("/srv/uploads")

def download():
    return store.read(request.args["f"])
""",
    "pathlib_is_relative_to_a_field": """\
from pathlib import Path
from flask import request

class Files:
    def __init__(self, root: str) -> None:
        self.root = Path(root).resolve()

    def read(self, name: str) -> str:
        target = (self.root / name).resolve()
        if not target.is_relative_to(self.root):
            raise PermissionError(name)
        return target.read_text()

files = Files("/srv/data")

def view():
    return files.read(request.args["f"])
""",
    "checked_two_helpers_deep": """\
import os
from flask import request

def _under(base, name):
    root = os.path.realpath(base)
    path = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        raise ValueError(name)
    return path

def _load(base, name):
    with open(_under(base, name)) as fh:
        return fh.read()

def download():
    return _load("/srv/files", request.args["f"])
""",
}

VULNERABLE = {
    "closure_returns_a_path_under_a_base_from_the_request": """\
import os
from flask import request

def _make(root):
    def resolve(rel):
        full = os.path.realpath(os.path.join(root, rel))
        if not full.startswith(root + os.sep):
            raise ValueError(rel)
        return full
    return resolve

def view():
    resolve = _make(request.args["root"])
    with open(resolve(request.args["f"])) as fh:
        return fh.read()
""",
    "parts_with_input_joined_in_a_helper": """\
import os
from flask import request

def _read(parts):
    with open(os.path.join(*parts)) as fh:
        return fh.read()

def view():
    return _read(["/srv/files", request.args["f"]])
""",
    "class_joins_without_a_check": """\
import os
from flask import request

class Store:
    def __init__(self, base):
        self.base = os.path.realpath(base)

    def read(self, name):
        path = os.path.join(self.base, name)
        with open(path) as fh:
            return fh.read()

store = Store("/srv/uploads")

def download():
    return store.read(request.args["f"])
""",
    "caller_passes_input_as_the_base": """\
import os
from flask import request

def read_in(base, name):
    root = os.path.realpath(base)
    path = os.path.realpath(os.path.join(root, name))
    if not path.startswith(root + os.sep):
        raise ValueError(name)
    with open(path) as fh:
        return fh.read()

def download():
    return read_in(request.args["d"], "index.html")
""",
    "checks_one_path_opens_another": """\
import os
from flask import request

def read_in(base, name):
    root = os.path.realpath(base)
    checked = os.path.realpath(os.path.join(root, os.path.basename(name)))
    if not checked.startswith(root + os.sep):
        raise ValueError(name)
    with open(os.path.join(root, name)) as fh:
        return fh.read()

def download():
    return read_in("/srv", request.args["f"])
""",
    "base_derived_from_the_name": """\
import os
from flask import request

def read_in(name):
    root = os.path.dirname(os.path.realpath(name))
    path = os.path.realpath(name)
    if not path.startswith(root):
        raise ValueError(name)
    with open(path) as fh:
        return fh.read()

def download():
    return read_in(request.args["f"])
""",
    "input_base_two_helpers_deep": """\
import os
from flask import request

def _under(base, name):
    root = os.path.realpath(base)
    path = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        raise ValueError(name)
    return path

def _load(base, name):
    with open(_under(base, name)) as fh:
        return fh.read()

def download():
    return _load(request.args["d"], "index.html")
""",
    "checked_against_the_root": """\
import os
from flask import request

def download():
    name = request.args["f"]
    path = os.path.realpath(os.path.join("/srv/files", name))
    if not path.startswith("/"):
        raise ValueError(name)
    with open(path) as fh:
        return fh.read()
""",
    "helper_called_with_an_empty_base": """\
import os
from flask import request

def _under(base, name):
    path = os.path.realpath(os.path.join("/srv/files", name))
    if not path.startswith(base):
        raise ValueError(name)
    return path

def download():
    with open(_under("", request.args["f"])) as fh:
        return fh.read()
""",
    "helper_opens_what_it_is_handed": """\
from flask import request

def _read(name):
    with open(name) as fh:
        return fh.read()

def download():
    return _read(request.args["f"])
""",
}


def _path_findings(source: str) -> list[int]:
    return [f.line for f in analyze_source(source).findings if f.rule_id == "security/path-traversal"]


@pytest.mark.parametrize("name", sorted(SAFE))
def test_a_path_checked_against_a_trusted_base_is_clean(name: str) -> None:
    assert _path_findings(SAFE[name]) == []


@pytest.mark.parametrize("name", sorted(VULNERABLE))
def test_a_path_its_caller_controls_is_found(name: str) -> None:
    assert _path_findings(VULNERABLE[name]), name


def test_a_library_function_checking_against_its_own_base_is_clean() -> None:
    # Nobody in the program calls it: the base is its caller's choice, the name is checked.
    source = SAFE["helper_opens_a_checked_path"].split("def download")[0]
    assert "read_in" in source and _path_findings(source) == []


def test_a_path_joined_from_parts_all_handed_in_is_the_callers_choice() -> None:
    # join(*parts): the directory is the caller's too, as with open(path) in a library function
    source = "import codecs, os\n\ndef read(parts):\n    with codecs.open(os.path.join(*parts)) as fh:\n        return fh.read()\n"
    assert _path_findings(source) == []


@pytest.mark.parametrize(("check", "confined"), [
    ('if rel.startswith(".."):\n        raise ValueError(rel)', True),
    ('if rel == os.pardir or rel.startswith(os.pardir + os.sep):\n        raise ValueError(rel)', True),
    ('if rel.startswith("sub"):\n        raise ValueError(rel)', False),  # says nothing of ".."
])
def test_a_path_relative_to_a_trusted_base_checked_for_parent_parts(check: str, confined: bool) -> None:
    source = ("import os\nfrom flask import request\n\nBASE = '/srv/files'\n\ndef view():\n"
              "    path = os.path.join(BASE, request.args['f'])\n    rel = os.path.relpath(path, BASE)\n"
              f"    {check}\n    return open(path).read()\n")
    assert bool(_path_findings(source)) != confined, source
