"""Suppression comments in generated code: found with ``tokenize``, reported, and neutralised.

A program does not get to configure its own judge. Each external tool obeys comments that switch
its checks off (``# type: ignore``, ``# mypy: ignore-errors``, ``# noqa``, ``# ruff: noqa``,
``# nosec``, ...). realcode reports every such directive as a finding of its own, and the tools
run with the directives disabled (mypy on a copy with the comments blanked out, ruff with
``--ignore-noqa``, Bandit with ``--ignore-nosec``), so the findings they hid are reported too.

Directives are matched loosely (any case, any spacing: ``#type:ignore``, ``# TYPE: IGNORE``) so that
odd spellings are reported as the suppression attempts they are. Only real comment tokens count: the
same text inside a string literal is data, not a directive.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize
from dataclasses import dataclass

# tool -> (pattern searched in a comment token, what the directive does)
_DIRECTIVES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "mypy": (
        (re.compile(r"#\s*type\s*:\s*ignore\b", re.I), "`# type: ignore` silences mypy"),
        (re.compile(r"#\s*mypy\s*:", re.I), "inline `# mypy:` configuration"),
        (re.compile(r"#\s*pyright\s*:", re.I), "inline `# pyright:` configuration"),
        (re.compile(r"#\s*pyre-(ignore|fixme|unsafe|strict)\b", re.I), "a `# pyre-` directive"),
        (re.compile(r"#\s*pytype\s*:", re.I), "inline `# pytype:` configuration"),
    ),
    "ruff": (
        (re.compile(r"#\s*noqa\b", re.I), "`# noqa` silences the linter"),
        (re.compile(r"#\s*(ruff|flake8)\s*:", re.I), "an inline `# ruff:`/`# flake8:` directive"),
    ),
    "bandit": (
        (re.compile(r"#\s*nosec\b", re.I), "`# nosec` silences Bandit"),
    ),
}

# mypy reads inline configuration from raw lines (``line.startswith("# mypy: ")``), string
# literals included; those lines are blanked in mypy's copy too, without being reported.
_RAW_MYPY_CONFIG = re.compile(r"^#\s*mypy\s*:", re.I | re.M)


@dataclass(frozen=True)
class Directive:
    """One suppression comment: where it is, the tool it addresses, and what it does."""

    tool: str
    line: int
    column: int
    text: str
    what: str


@functools.lru_cache(maxsize=512)  # each analyzer asks for the same program's comments
def _comments(source: str) -> tuple[tuple[int, int, str], ...] | None:
    """(line, column, text) of every comment token; None when the text does not tokenize."""
    if "#" not in source:
        return ()  # every comment starts with one: no need to tokenize
    try:
        return tuple((tok.start[0], tok.start[1], tok.string)
                     for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                     if tok.type == tokenize.COMMENT)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None


def _fallback_comments(source: str) -> tuple[tuple[int, int, str], ...]:
    """Fail closed on text that does not tokenize: every ``#`` to the end of its line."""
    found = []
    for number, line in enumerate(source.split("\n"), start=1):
        cut = line.find("#")
        if cut != -1:
            found.append((number, cut, line[cut:]))
    return tuple(found)


def find_directives(source: str, tool: str) -> list[Directive]:
    """The suppression comments in ``source`` that address ``tool`` (mypy, ruff, bandit)."""
    patterns = _DIRECTIVES.get(tool, ())
    comments = _comments(source)
    if comments is None:
        comments = _fallback_comments(source)
    found = []
    for line, column, text in comments:
        for pattern, what in patterns:
            if pattern.search(text):
                found.append(Directive(tool, line, column, text.strip()[:120], what))
                break
    return found


def neutralise(source: str, tool: str) -> str:
    """``source`` with ``tool``'s directive comments blanked: same length, same line and column
    of every other character, so the tool's findings map back unchanged."""
    directives = find_directives(source, tool)
    if not directives and not (tool == "mypy" and _RAW_MYPY_CONFIG.search(source)):
        return source
    lines = source.split("\n")  # the lines tokenize numbers (StringIO splits on "\n" only)
    for directive in directives:
        text = lines[directive.line - 1]
        body = text.rstrip("\r")
        lines[directive.line - 1] = body[:directive.column] + " " * (len(body) - directive.column) \
            + text[len(body):]
    out = "\n".join(lines)
    if tool == "mypy":
        out = _RAW_MYPY_CONFIG.sub(lambda m: " " * len(m.group(0)), out)
    return out
