"""Regular expressions that backtrack catastrophically (CWE-1333), judged from the parsed pattern.

Three shapes, each a known cause of super-linear matching in backtracking engines:
- nested unbounded quantifiers, ``(a+)+`` or ``([\\w.]*)*``: exponential;
- two or more unbounded quantifiers of which one matches any character (``(.*?) (.*)``): the split
  between them is ambiguous, polynomial in the input length;
- an unbounded any-character quantifier followed by a character it also matches, in a pattern
  that is not anchored at the start (``<(.*?)>`` searched over ``<<<<...``): quadratic.
"""

from __future__ import annotations

import importlib
import re
import warnings
from typing import Any

# The stdlib's own regex parser (private, but stable across 3.11+ and what ``re`` itself runs).
try:
    _sre_constants: Any = importlib.import_module("re._constants")
    _sre_parse: Any = importlib.import_module("re._parser")
except ImportError:  # Python 3.10
    _sre_constants = importlib.import_module("sre_constants")
    _sre_parse = importlib.import_module("sre_parse")

MAXREPEAT = _sre_constants.MAXREPEAT
_WORD = set(range(48, 58)) | set(range(65, 91)) | set(range(97, 123)) | {95}
_CATEGORIES = {
    _sre_constants.CATEGORY_DIGIT: set(range(48, 58)),
    _sre_constants.CATEGORY_WORD: _WORD,
    _sre_constants.CATEGORY_SPACE: {9, 10, 11, 12, 13, 32},
}
_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_ANY = _sre_constants.ANY
_LITERAL = _sre_constants.LITERAL
_AT = _sre_constants.AT
_AT_BEGINNING = {_sre_constants.AT_BEGINNING, _sre_constants.AT_BEGINNING_STRING}


def redos_problem(pattern: str) -> str | None:
    """Why ``pattern`` may backtrack catastrophically, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    items = list(parsed)
    if _nested_unbounded(items, inside_repeat=False):
        return "nested unbounded quantifiers (exponential backtracking)"
    unbounded = _unbounded_repeats(items)
    if len(unbounded) >= 2 and any(_matches_any(body) for body in unbounded):
        return "several unbounded quantifiers, one matching any character (ambiguous split)"
    anchored = bool(items) and items[0][0] == _AT and items[0][1] in _AT_BEGINNING
    if not anchored and _any_then_overlap(items):
        return "unbounded any-character quantifier before a character it also matches (quadratic search)"
    return None


def _is_repeat(op: Any) -> bool:
    return op in _REPEATS


def _children(op: Any, av: Any) -> list[list[Any]]:
    if op in _REPEATS:
        return [list(av[2])]
    if op == _SUBPATTERN:
        return [list(av[-1])]
    if op == _BRANCH:
        return [list(b) for b in av[1]]
    return []


def _nested_unbounded(items: list[Any], inside_repeat: bool) -> bool:
    for op, av in items:
        if _is_repeat(op):
            unbounded = av[1] == MAXREPEAT
            if unbounded and inside_repeat:
                return True
            repeats_body = unbounded or av[1] > 1
            body = list(av[2])
            if repeats_body and _nested_unbounded(body, True) and not _delimited(body):
                return True
        else:
            for child in _children(op, av):
                if _nested_unbounded(child, inside_repeat):
                    return True
    return False


def _chars(op: Any, av: Any) -> set[int] | None:
    """The characters one element matches, when it is a small explicit set (None: too broad)."""
    if op == _LITERAL:
        return {av}
    if op == _sre_constants.IN:
        out: set[int] = set()
        for kind, value in av:
            if kind == _LITERAL:
                out.add(value)
            elif kind == _sre_constants.RANGE and value[1] - value[0] < 4096:
                out |= set(range(value[0], value[1] + 1))
            elif kind == _sre_constants.CATEGORY and value in _CATEGORIES:
                out |= _CATEGORIES[value]
            else:
                return None
        return out
    return None


def _delimited(body: list[Any]) -> bool:
    """``(?:\\.[a-z]+)*``: each iteration starts with a character the inner repeats cannot match, so
    there is only one way to split the input into iterations."""
    inner: set[int] = set()
    first: set[int] | None = None
    for op, av in _flatten(body):
        if _is_repeat(op):
            for item_op, item_av in av[2]:
                chars = _chars(item_op, item_av)
                if chars is None:
                    return False
                inner |= chars
        elif first is None:
            first = _chars(op, av)
            if first is None:
                return False
    return first is not None and not (first & inner)


def _unbounded_repeats(items: list[Any]) -> list[list[Any]]:
    found: list[list[Any]] = []
    for op, av in items:
        if _is_repeat(op) and av[1] == MAXREPEAT:
            found.append(list(av[2]))
        for child in _children(op, av):
            found += _unbounded_repeats(child)
    return found


def _matches_any(body: list[Any]) -> bool:
    return len(body) == 1 and body[0][0] == _ANY


def _flatten(items: list[Any]) -> list[Any]:
    """The pattern's top-level sequence with groups opened up."""
    out: list[Any] = []
    for op, av in items:
        if op == _SUBPATTERN:
            out += _flatten(list(av[-1]))
        else:
            out.append((op, av))
    return out


def _any_then_overlap(items: list[Any]) -> bool:
    flat = _flatten(items)
    for index, (op, av) in enumerate(flat):
        if _is_repeat(op) and av[1] == MAXREPEAT and _matches_any(list(av[2])):
            for later_op, later_av in flat[index + 1:]:
                if later_op == _LITERAL and later_av != ord("\n"):
                    return True
                if later_op != _AT:
                    break
    return False
