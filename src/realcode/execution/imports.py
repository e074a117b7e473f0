"""Which standard-library modules a run will import, so a warm worker can import them first.

A module imported in the warm worker is inherited by every run it forks; imported in the run, it
costs 1-8 ms each time (``urllib.parse`` 3 ms, ``dataclasses`` 9 ms, ``xml.etree`` 3 ms). Imported
in every worker unconditionally, the worker's memory doubles and every fork copies it, which costs
programs that never use them (a double fork 2.0 -> 4.2 ms with the list below). So a worker
imports a module the first time a run it is given will import it.

The worker is the trusted side of the sandbox: it imports only modules named below (standard
library, no import-time side effects, no threads, no fork handlers that slow every fork), never a
name taken from the program unless it is on this list.
"""

from __future__ import annotations

import re

PRELOADABLE = frozenset({
    "abc", "array", "ast", "base64", "binascii", "bisect", "calendar", "collections", "configparser",
    "contextlib", "copy", "csv", "dataclasses", "datetime", "decimal", "difflib", "enum", "fnmatch",
    "fractions", "functools", "glob", "hashlib", "heapq", "hmac", "html", "html.parser", "io",
    "ipaddress", "itertools", "json", "logging", "math", "numbers", "operator", "pathlib", "pickle",
    "pprint", "queue", "random", "re", "secrets", "shlex", "sqlite3", "statistics", "string",
    "struct", "subprocess", "textwrap", "typing", "unicodedata", "urllib", "urllib.parse", "uuid",
    "xml", "xml.dom", "xml.dom.minidom", "xml.etree", "xml.etree.ElementTree", "zlib",
})

_IMPORT = re.compile(r"^[ \t]*(?:import[ \t]+([\w. \t,]+)|from[ \t]+([\w.]+)[ \t]+import\b)", re.MULTILINE)


def preloadable_imports(*sources: str) -> set[str]:
    """The modules on ``PRELOADABLE`` that ``sources`` import (and their packages), read from
    their import lines: a miss costs only the import in the run, so no parse is needed."""
    found: set[str] = set()
    for source in sources:
        if "import" not in source:
            continue
        for match in _IMPORT.finditer(source):
            names = match.group(1).split(",") if match.group(1) else [match.group(2)]
            for name in names:
                parts = name.split()[0].split(".") if name.split() else []
                # "import xml.etree.ElementTree" imports xml and xml.etree as well
                found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found & PRELOADABLE
