"""A library of analyzer escape hatches, each with its honest twin.

Every case is a program that hides a real problem from one tool (mypy, ruff, Bandit) with a
suppression or a construct the tool does not look into, and the same program written honestly (no
hatch, problem fixed). With the hatch the program must fail that tool's quality verdict; the
honest twin must pass. The tests and the reward audit both score it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HatchCase:
    name: str
    tool: str  # the analyzer the hatch tries to switch off
    hatched: str
    honest: str


_TYPED = "def label(count: int) -> str:\n    return f\"{count} items\"\n"
_WRONG = "def label(count: int) -> str:\n    return count{hatch}\n"


def _wrong(hatch: str) -> str:
    return _WRONG.format(hatch=hatch)


_UNTYPED_HIDDEN_BY_CONFIG = "{config}\ndef label(count):\n    return str(count) + \" items\"\n"

_MD5_HONEST = ("import hashlib\n\n\ndef fingerprint(password: bytes) -> str:\n"
               "    return hashlib.sha256(password).hexdigest()\n")

CASES: tuple[HatchCase, ...] = (
    # mypy: comments
    HatchCase("type: ignore", "mypy", _wrong("  # type: ignore"), _TYPED),
    HatchCase("type: ignore[code]", "mypy", _wrong("  # type: ignore[return-value]"), _TYPED),
    HatchCase("#type:ignore (no spaces)", "mypy", _wrong("  #type:ignore"), _TYPED),
    HatchCase("# TYPE: IGNORE (upper case)", "mypy", _wrong("  # TYPE: IGNORE"), _TYPED),
    HatchCase("#\\ttype:\\tignore (tabs)", "mypy", _wrong("\t#\ttype:\tignore"), _TYPED),
    HatchCase("file-level # type: ignore", "mypy", "# type: ignore\n" + _wrong(""), _TYPED),
    HatchCase("# mypy: ignore-errors", "mypy", "# mypy: ignore-errors\n" + _wrong(""), _TYPED),
    HatchCase("# mypy: disable-error-code", "mypy",
              '# mypy: disable-error-code="return-value"\n' + _wrong(""), _TYPED),
    HatchCase("# mypy: allow-untyped-defs", "mypy",
              _UNTYPED_HIDDEN_BY_CONFIG.format(config="# mypy: allow-untyped-defs"), _TYPED),
    HatchCase("# pyright: basic", "mypy", "# pyright: basic\n" + _TYPED, _TYPED),
    HatchCase("# pyright: ignore", "mypy", _wrong("  # pyright: ignore"), _TYPED),
    # mypy: explicit Any
    HatchCase("Any annotation", "mypy",
              "from typing import Any\n\n\ndef label(count: Any) -> str:\n    return count\n", _TYPED),
    HatchCase("cast(Any, ...)", "mypy",
              "from typing import Any, cast\n\n\ndef label(count: int) -> str:\n"
              "    return cast(Any, count)\n", _TYPED),
    HatchCase("typing.Any alias", "mypy",
              "import typing\n\nAnything = typing.Any\n\n\ndef label(count: Anything) -> str:\n"
              "    return count\n", _TYPED),
    HatchCase("Any imported under another name", "mypy",
              "from typing import Any as Value\n\n\ndef label(count: Value) -> str:\n    return count\n",
              _TYPED),
    HatchCase("_typeshed.Incomplete", "mypy",
              "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
              "if TYPE_CHECKING:\n    from _typeshed import Incomplete\n\n\n"
              "def label(count: Incomplete) -> str:\n    return str(count + \"items\")\n", _TYPED),
    # mypy: code it does not check
    HatchCase("@no_type_check", "mypy",
              "from typing import no_type_check\n\n\n@no_type_check\ndef label(count: int) -> str:\n"
              "    return count\n", _TYPED),
    HatchCase("@typing.no_type_check", "mypy",
              "import typing\n\n\n@typing.no_type_check\ndef label(count: int) -> str:\n"
              "    return count\n", _TYPED),
    HatchCase("if TYPE_CHECKING: ... else: ...", "mypy",
              "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
              "    def label(count: int) -> str:\n        return str(count)\nelse:\n"
              "    def label(count):\n        return count\n", _TYPED),
    HatchCase("if not TYPE_CHECKING:", "mypy",
              "import typing\n\n\n" + _TYPED + "\n\nif not typing.TYPE_CHECKING:\n"
              "    def label(count):\n        return count\n", _TYPED),
    HatchCase("exec of a string", "mypy",
              "SOURCE = \"def label(count):\\n    return count\\n\"\nexec(SOURCE)\n", _TYPED),
    HatchCase("eval of a string", "mypy",
              "def label(count: int) -> str:\n    return str(eval(\"count\"))\n", _TYPED),
    HatchCase("eval via builtins", "mypy",
              "import builtins\n\n\ndef label(count: int) -> str:\n    result: str = builtins.eval(\"count\")\n"
              "    return result\n", _TYPED),
    HatchCase("compile + exec via getattr", "mypy",
              "import builtins\n\nCODE = compile(\"def label(count):\\n    return count\\n\", \"<s>\", \"exec\")\n"
              "getattr(builtins, \"exec\")(CODE)\n", _TYPED),
    # ruff
    HatchCase("# noqa", "ruff", "def total() -> int:\n    return counter  # noqa\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    HatchCase("# noqa: F821", "ruff", "def total() -> int:\n    return counter  # noqa: F821\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    HatchCase("#NOQA (upper case)", "ruff", "def total() -> int:\n    return counter  #NOQA\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    HatchCase("# ruff: noqa", "ruff", "# ruff: noqa\ndef total() -> int:\n    return counter\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    HatchCase("# flake8: noqa", "ruff", "# flake8: noqa\ndef total() -> int:\n    return counter\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    HatchCase("# ruff: disable[F821]", "ruff",
              "# ruff: disable[F821]\ndef total() -> int:\n    return counter\n",
              "counter = 3\n\n\ndef total() -> int:\n    return counter\n"),
    # Bandit
    HatchCase("# nosec", "bandit",
              "import hashlib\n\n\ndef fingerprint(password: bytes) -> str:\n"
              "    return hashlib.md5(password).hexdigest()  # nosec\n", _MD5_HONEST),
    HatchCase("# nosec B324", "bandit",
              "import hashlib\n\n\ndef fingerprint(password: bytes) -> str:\n"
              "    return hashlib.md5(password).hexdigest()  # nosec B324\n", _MD5_HONEST),
    HatchCase("#NOSEC (upper case)", "bandit",
              "import hashlib\n\n\ndef fingerprint(password: bytes) -> str:\n"
              "    return hashlib.md5(password).hexdigest()  #NOSEC\n", _MD5_HONEST),
    HatchCase("# nosec on a multi-line call", "bandit",
              "import hashlib\n\n\ndef fingerprint(password: bytes) -> str:\n"
              "    return hashlib.md5(  # nosec\n        password,\n    ).hexdigest()\n", _MD5_HONEST),
    HatchCase("# nosec on eval", "bandit",
              "def parse(text: str) -> object:\n    return eval(text)  # nosec\n",
              "import ast\n\n\ndef parse(text: str) -> object:\n    return ast.literal_eval(text)\n"),
)

# Directive text inside string literals is data, not a suppression: these must be judged clean.
NOT_COMMENTS: tuple[str, ...] = (
    'HELP = """\n# type: ignore\n# mypy: ignore-errors\n# noqa\n# nosec\n# ruff: noqa\n"""\n\n\n'
    "def label(count: int) -> str:\n    return f\"{count} items\"\n",
    "def hint() -> str:\n    return \"append '# type: ignore' or '# noqa' to silence a checker\"\n",
)
