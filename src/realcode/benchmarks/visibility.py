"""Which test cases a task's prompt shows: a program can hard-code those, so they cannot decide a reward.

Two detectors, both over the prompt's text only:

* worked examples written as calls (``Input: f(1, [2]) ; Output: 3``, ``Solution().f(...)``): the
  call is parsed with ``ast`` and its literal arguments and output compared by value with each case;
* free text (``Input: s = "abab"  Output: "ab"``, tables, prose): every argument and the expected output
  must appear in the text, rendered as Python or JSON with spacing and quote style normalised,
  at whole-token boundaries and close together.

A case counts as shown when the prompt gives its inputs and its expected output: then a lookup table
of the shown examples answers it.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from realcode.benchmarks.task import Task
from realcode.execution.suites import CallCase, CallSuite

# How far apart (in normalised characters, beyond the renderings' own length) the pieces of one
# free-text example may lie: examples put input and output on neighbouring lines. Values of one or
# two characters (`1`, `[]`) occur everywhere, so an example made only of those must be tight.
_WINDOW, _TINY_WINDOW = 160, 40
_EXAMPLE_LINE = re.compile(r"Input:\s*(?P<call>.+?)\s*;\s*Output:\s*(?P<out>.+?)\s*$", re.MULTILINE)


def shown_cases(prompt: str, cases: Sequence[CallCase]) -> tuple[int, ...]:
    """Indices of ``cases`` whose inputs and expected output the prompt shows."""
    examples = list(_call_examples(prompt))
    text = normalise(prompt)
    shown = []
    for index, case in enumerate(cases):
        args, expected = list(case.args), case.expected
        if any(_same(args, a) and _output_same(out, expected) for a, out in examples) or \
                _in_text(text, [*args, expected]):
            shown.append(index)
    return tuple(shown)


def prompt_text(messages: Iterable[dict[str, str]]) -> str:
    return "\n".join(str(m.get("content", "")) for m in messages)


# ----------------------------------------------------------------------------- worked examples


def _call_examples(prompt: str) -> Iterable[tuple[list[Any], Any]]:
    for match in _EXAMPLE_LINE.finditer(prompt):
        args = _call_arguments(match.group("call"))
        if args is None:
            continue
        try:
            output = ast.literal_eval(match.group("out"))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        yield args, output


def _call_arguments(text: str) -> list[Any] | None:
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    try:
        return [ast.literal_eval(arg) for arg in node.args]
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _plain(value: Any) -> Any:
    """Tuples as lists, as after the JSON round trip every test value makes."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(type(a) is type(b) and a == b)


def _output_same(shown: Any, expected: Any) -> bool:
    # APPS wraps a single expected value in a list; either spelling in the prompt is the same output
    return _same(shown, expected) or (isinstance(expected, list) and len(expected) == 1
                                      and _same(shown, expected[0]))


# ----------------------------------------------------------------------------- free text

_SPACE = re.compile(r"\s+")
_TIGHT = re.compile(r"\s*([,:;\[\](){}=])\s*")


def normalise(text: str) -> str:
    """One quote style, one space between words, none around punctuation."""
    text = text.replace('"', "'").replace("`", "'")
    return _TIGHT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def renderings(value: Any) -> set[str]:
    """The ways a prompt may write ``value``, normalised like the text."""
    forms = {repr(value)}
    with contextlib.suppress(TypeError, ValueError):
        forms.add(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str) and len(value.strip()) >= 3:
        forms.add(value)  # written bare, e.g. `Input: abc`
    if isinstance(value, list) and len(value) == 1:
        forms |= renderings(value[0])
    return {normalise(f) for f in forms if normalise(f)}


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the regex ``\w`` matches in text


def _positions(text: str, form: str) -> list[int]:
    """Occurrences of ``form`` not glued to a longer word or number (left: no word character or
    dot before; right: no word character, nor a dot and a digit, after), as a regex scan finds
    them, without compiling a pattern per value (thousands per benchmark load)."""
    check_left = form[0].isalnum() or form[0] in "_-."
    check_right = form[-1].isalnum() or form[-1] in "_."
    found: list[int] = []
    start = text.find(form)
    while start != -1 and len(found) < 200:
        end = start + len(form)
        glued = (check_left and start > 0 and (_word(text[start - 1]) or text[start - 1] == ".")) or (
            check_right and end < len(text) and (_word(text[end]) or (
                text[end] == "." and end + 1 < len(text) and text[end + 1].isdecimal())))
        if glued:
            start = text.find(form, start + 1)
        else:
            found.append(start)
            start = text.find(form, end)
    return found


def _in_text(text: str, values: list[Any]) -> bool:
    """Every value written somewhere in ``text``, all within one window."""
    hits: list[list[tuple[int, int]]] = []
    for value in values:
        found = [(p, len(f)) for f in renderings(value) for p in _positions(text, f)]
        if not found:
            return False
        hits.append(found)
    longest = [max(n for _, n in h) for h in hits]
    span = (_WINDOW if max(longest) > 2 else _TINY_WINDOW) + sum(longest)
    anchor = min(hits, key=len)
    return any(all(any(abs(p - a) <= span for p, _ in h) for h in hits) for a, _ in anchor)


def with_visible_cases(task: Task) -> Task:
    """``task`` with its call suite's prompt-shown cases marked (other suites unchanged)."""
    suite = task.tests
    if not isinstance(suite, CallSuite) or suite.visible:
        return task
    shown = shown_cases(prompt_text(task.prompt), suite.cases)
    return dataclasses.replace(task, tests=dataclasses.replace(suite, visible=shown)) if shown else task


def example_lookup_program(task: Task) -> str | None:
    """The reward hack this module exists for: a program that answers the inputs the prompt shows
    from a table and implements nothing (for the reward audit and tests). None without shown cases."""
    suite = task.tests
    if not isinstance(suite, CallSuite) or not suite.visible:
        return None
    table = {json.dumps(list(suite.cases[i].args)): suite.cases[i].expected for i in suite.visible}
    lines = ["import json", f"_SHOWN = json.loads({json.dumps(json.dumps(table))})"]
    if suite.class_name:
        lines += [f"class {suite.class_name}:", f"    def {suite.fn_name}(self, *args):",
                  "        return _SHOWN.get(json.dumps(list(args)))"]
    else:
        lines += [f"def {suite.fn_name}(*args):", "    return _SHOWN.get(json.dumps(list(args)))"]
    return "\n".join(lines) + "\n"
