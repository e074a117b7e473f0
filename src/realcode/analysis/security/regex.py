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


# --- regular expressions as allow-lists ----------------------------------------------------------

_ASCII = frozenset(range(128))
_SPACE = frozenset(b" \t\n\r\x0b\x0c")
# Characters that let text change the meaning of what it is put into, per kind of sink. A text
# that matched an anchored pattern whose characters avoid a kind's set cannot do so there.
_UNSAFE_FOR: dict[str, frozenset[int]] = {
    "sql": frozenset(b"'\"`\\;") | _SPACE,
    "shell": frozenset(b";&|$`<>()\\'\"*?[]{}~!#\n") | _SPACE,
    "path": frozenset(b"/\\"),
    "html": frozenset(b"<>&\"'"),
    "xml": frozenset(b"<>&\"'"),
    "url": frozenset(b":/\\@"),
    "fetch": frozenset(b":/\\@"),
    "redirect": frozenset(b":/\\@"),
    "header": frozenset(b"\r\n"),
    "log": frozenset(b"\r\n"),
    "template": frozenset(b"{}%<>$#"),
    "format": frozenset(b"{}%"),
    "regex": frozenset(b".*+?()[]{}|^$\\"),
    "field": frozenset(),  # mass assignment: every name is a field name
    # no names, no strings: only literals and operators (a calculator's expression)
    "eval": frozenset(range(65, 91)) | frozenset(range(97, 123)) | frozenset(b"_'\"\\`"),
    "exec": frozenset(range(65, 91)) | frozenset(range(97, 123)) | frozenset(b"_'\"\\`"),
}


def _charset(items: Any, flags: int) -> frozenset[int]:
    """The ASCII characters a parsed (sub)pattern can consume (others cannot be metacharacters)."""
    out: set[int] = set()
    for op, arg in items:
        if op is _LITERAL:
            out |= {arg} & _ASCII
        elif op is _sre_constants.NOT_LITERAL:
            out |= _ASCII - {arg}
        elif op is _ANY:
            out |= _ASCII if flags & re.DOTALL else _ASCII - {10}
        elif op is _sre_constants.IN:
            members: set[int] = set()
            negate = False
            for kind, value in arg:
                if kind is _sre_constants.NEGATE:
                    negate = True
                elif kind is _LITERAL:
                    members.add(value)
                elif kind is _sre_constants.RANGE:
                    members |= set(range(value[0], min(value[1], 127) + 1))
                elif kind is _sre_constants.CATEGORY:
                    members |= _category(value)
            out |= (_ASCII - members) if negate else (members & _ASCII)
        elif op in _REPEATS:
            out |= _charset(arg[2], flags)
        elif op is _SUBPATTERN:
            out |= _charset(arg[3], flags | (arg[1] or 0))
        elif op is _BRANCH:
            for branch in arg[1]:
                out |= _charset(branch, flags)
    if flags & re.IGNORECASE:
        out |= {c ^ 32 for c in out if 65 <= c <= 90 or 97 <= c <= 122}
    return frozenset(out)


def _category(category: Any) -> set[int]:
    negated = {_sre_constants.CATEGORY_NOT_DIGIT: _sre_constants.CATEGORY_DIGIT,
               _sre_constants.CATEGORY_NOT_WORD: _sre_constants.CATEGORY_WORD,
               _sre_constants.CATEGORY_NOT_SPACE: _sre_constants.CATEGORY_SPACE}
    if category in negated:
        return set(_ASCII - _CATEGORIES.get(negated[category], set()))
    return set(_CATEGORIES.get(category, _ASCII))


def _ends_anchored(items: Any, multiline: bool) -> bool:
    """The (sub)pattern can only match up to the end of the text: it ends with ``\\Z``, or with
    ``$`` outside MULTILINE mode, in every top-level alternative."""
    if not items:
        return False
    op, arg = items[-1]
    if op is _AT:
        return arg is _sre_constants.AT_END_STRING or (arg is _sre_constants.AT_END and not multiline)
    if op is _BRANCH:
        return all(_ends_anchored(branch, multiline) for branch in arg[1])
    if op is _SUBPATTERN:
        return _ends_anchored(arg[3], multiline or bool((arg[1] or 0) & re.MULTILINE))
    return False


def allow_list_kinds(pattern: str, flags: int = 0, full: bool = False) -> frozenset[str] | None:
    """What matching ``pattern`` (``re.match``; ``full``: ``re.fullmatch``) proves about a text.

    None: the text holds only letters, digits and underscores (safe for every sink). Otherwise the
    kinds of sink the characters it may hold cannot subvert (empty: nothing proved, as when the
    pattern is not anchored at the end, ``$`` under MULTILINE, or one alternative is not)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = _sre_parse.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError, ValueError):
        return frozenset()
    flags |= parsed.state.flags
    items = list(parsed)
    if not full and not _ends_anchored(items, bool(flags & re.MULTILINE)):
        return frozenset()
    return _safe_kinds(_charset(items, flags))


_FLAG_NAMES = {"I": re.IGNORECASE, "IGNORECASE": re.IGNORECASE, "M": re.MULTILINE, "MULTILINE": re.MULTILINE,
               "S": re.DOTALL, "DOTALL": re.DOTALL, "X": re.VERBOSE, "VERBOSE": re.VERBOSE,
               "A": re.ASCII, "ASCII": re.ASCII}


def flags_of(expr: Any) -> int:
    """The ``re`` flags an expression names (``re.M | re.I``); 0 for none or an unknown value."""
    import ast

    value = 0
    for node in ast.walk(expr) if expr is not None else ():
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        value |= _FLAG_NAMES.get(name or "", 0)
    return value


def inline_flags(flags: int) -> str:
    """``flags`` as an inline group to put before a pattern (``(?m)``)."""
    letters = "".join(letter for letter, flag in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL),
                                                  ("x", re.VERBOSE)) if flags & flag)
    return f"(?{letters})" if letters else ""


def kinds_safe_with(text: str) -> frozenset[str] | None:
    """The sink kinds the characters of ``text`` cannot subvert (None: letters, digits and
    underscores only, harmless everywhere)."""
    return _safe_kinds(frozenset(ord(c) for c in text if ord(c) < 128))


def _safe_kinds(chars: frozenset[int]) -> frozenset[str] | None:
    """The kinds text made of ``chars`` cannot subvert (None: word characters only, none)."""
    if chars <= _WORD:
        return None
    return frozenset(kind for kind, unsafe in _UNSAFE_FOR.items() if unsafe and not chars & unsafe)
