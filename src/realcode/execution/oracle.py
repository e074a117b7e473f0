"""Expected outcomes of SecCodePLT-style suites, kept out of the program's process.

A ``PythonSuite``'s test source defines ``testcases = {group: [(kwargs, expected), ...]}``. The
oracle run executes the task's set-up and that source in the sandbox *without* the generated
program and returns every expected outcome as plain data (a serialised value, or the qualified
name of the exception type to raise). The program's run receives the same cases with every
expected expression replaced by ``None``, in one unlabelled group and a shuffled order
(``blind_cases``), calls the function and reports what it returned or raised;
``suite_case_result`` compares the two here, in the parent.
"""

from __future__ import annotations

import ast
import builtins
import functools
import hashlib
import random
import threading
from typing import Any

from realcode.execution.limits import Limits
from realcode.execution.report import CASE_ERROR, CASE_FAILED, CASE_MEMORY, CASE_PASSED, CaseResult
from realcode.execution.sandbox import run_program
from realcode.execution.suites import CallCase, CallSuite, CheckSuite, PythonSuite
from realcode.execution.warm import WarmPool

_EXCERPT = 2000
_ORACLE_LIMITS = Limits(wall_s=60.0, case_timeout_s=60.0)


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + f"\n... [{len(text) - _EXCERPT} more]"


BLIND_GROUP = "cases"  # the one group the program's run sees


def blind_cases(testcases: str, groups: tuple[str, ...], seed: str) -> tuple[str, tuple[int, ...]] | None:
    """The test source as the program's run receives it: every case in one group
    (``BLIND_GROUP``), in an order shuffled by ``seed``, each expected expression ``None``; and,
    per position, the case's index in the suite's own order (groups in ``groups`` order).

    The program shares a process with the harness, so whatever the harness holds it can read
    (frames, globals, ``gc``): were the groups there, a vulnerable program could tell a safety
    case from a capability case by its label or position and refuse only the safety cases. Here
    it can only judge an input by what it is. ``None`` when the source is not a single literal
    ``testcases = {group: [(kwargs, expected), ...]}`` that nothing else refers to."""
    table = _unlabelled_table(testcases, groups)
    if table is None:
        return None
    before, cases, after = table
    order = list(range(len(cases)))
    random.Random(hashlib.sha256(seed.encode("utf-8", "replace")).digest()).shuffle(order)
    literal = f"testcases = {{{BLIND_GROUP!r}: [{', '.join(cases[i] for i in order)}]}}"
    return "\n".join(part for part in (before, literal, after) if part), tuple(order)


@functools.lru_cache(maxsize=1024)
def _unlabelled_table(testcases: str, groups: tuple[str, ...]) -> tuple[str, tuple[str, ...], str] | None:
    """The parts of a suite's test source that do not depend on the sample, parsed once per suite:
    the statements before and after its ``testcases`` literal, and each case as the text
    ``(kwargs, None)`` in the suite's order."""
    try:
        tree = ast.parse(testcases)
    except (SyntaxError, ValueError, RecursionError):
        return None
    assignments = [node for node in tree.body if isinstance(node, ast.Assign) and len(node.targets) == 1
                   and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "testcases"]
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == "testcases"]
    if len(assignments) != 1 or len(uses) != 1 or not isinstance(assignments[0].value, ast.Dict):
        return None
    table: dict[str, list[ast.expr]] = {}
    literal = assignments[0].value
    for key, cases in zip(literal.keys, literal.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)
                and isinstance(cases, (ast.List, ast.Tuple))):
            return None
        arguments = []
        for case in cases.elts:
            if not (isinstance(case, (ast.List, ast.Tuple)) and len(case.elts) == 2):
                return None
            arguments.append(case.elts[0])
        table[key.value] = arguments  # a repeated key replaces the earlier one, as in Python
    flat = tuple(ast.unparse(ast.Tuple(elts=[argument, ast.Constant(value=None)], ctx=ast.Load()))
                 for group in groups for argument in table.get(group, []))
    at = tree.body.index(assignments[0])
    return (ast.unparse(ast.Module(body=tree.body[:at], type_ignores=[])), flat,
            ast.unparse(ast.Module(body=tree.body[at + 1:], type_ignores=[])))


_oracles: dict[str, tuple[dict[str, Any], ...] | str] = {}
_oracles_lock = threading.Lock()


def suite_oracle(suite: PythonSuite, limits: Limits | None = None,
                 pool: WarmPool | None = None) -> tuple[dict[str, Any], ...] | str:
    """Expected outcome of every case (``{"group", "value"}`` or ``{"group", "raises"}``), or why
    they could not be computed. Computed once per suite content for the life of the process."""
    memory = max((limits or Limits()).memory_mb, 512)
    key = _oracle_key(suite, limits)
    with _oracles_lock:
        if key in _oracles:
            return _oracles[key]
    found = _compute_oracle(suite, Limits(**{**_ORACLE_LIMITS.to_dict(), "memory_mb": memory}), pool)
    seed_oracle(suite, limits, found)
    return found


def _oracle_key(suite: PythonSuite, limits: Limits | None) -> str:
    memory = max((limits or Limits()).memory_mb, 512)
    return hashlib.sha256(f"{suite.setup}\0{suite.testcases}\0{suite.groups}\0{memory}".encode()).hexdigest()


def known_oracle(suite: PythonSuite, limits: Limits | None) -> tuple[dict[str, Any], ...] | None:
    """The expected outcomes already computed in this process (for a disk cache: ``calibration``)."""
    with _oracles_lock:
        found = _oracles.get(_oracle_key(suite, limits))
    return found if isinstance(found, tuple) else None


def seed_oracle(suite: PythonSuite, limits: Limits | None,
                found: tuple[dict[str, Any], ...] | str) -> None:
    """Remember a suite's outcomes (computed here, or read back from the parent's disk cache)."""
    with _oracles_lock:
        if len(_oracles) > 8192:
            _oracles.clear()
        _oracles[_oracle_key(suite, limits)] = found


def _compute_oracle(suite: PythonSuite, limits: Limits,
                    pool: WarmPool | None) -> tuple[dict[str, Any], ...] | str:
    result = run_program("", mode="oracle", limits=limits, pool=pool,
                         spec={"setup_code": suite.setup, "testcases": suite.testcases,
                               "groups": list(suite.groups)})
    end = result.event("exit")
    if end is None or end.get("status") != "ok":
        why = (end or {}).get("error") or result.stderr.strip()[-500:] or "no result"
        return f"the task's own tests failed to load: {why}"
    expected = [e for e in result.events if e.get("event") == "expected"]
    if len(expected) != end.get("cases") or [e.get("i") for e in expected] != list(range(len(expected))):
        return "the task's own tests gave an inconsistent case list"
    return tuple({k: v for k, v in e.items() if k in ("group", "value", "raises", "judge")} for e in expected)


def judge_values(suite: PythonSuite, values: dict[int, Any], limits: Limits | None = None,
                 pool: WarmPool | None = None) -> dict[int, bool] | str:
    """Whether each returned value (plain data, by case index) equals its case's matcher object,
    decided by the task's own code in a run without the program; or why that failed."""
    memory = max((limits or Limits()).memory_mb, 512)
    result = run_program("", mode="judge", pool=pool,
                         limits=Limits(**{**_ORACLE_LIMITS.to_dict(), "memory_mb": memory}),
                         spec={"setup_code": suite.setup, "testcases": suite.testcases,
                               "groups": list(suite.groups), "values": sorted(values.items())})
    end = result.event("exit")
    if end is None or end.get("status") != "ok":
        return f"the task's matchers failed: {(end or {}).get('error') or 'no result'}"
    judged = {int(e["i"]): bool(e.get("equal")) for e in result.events if e.get("event") == "judged"}
    return judged if judged.keys() == values.keys() else "the task's matchers judged other cases"


def check_cases(suite: CheckSuite, pool: WarmPool | None = None) -> CallSuite | str:
    """The call suite a ``CheckSuite`` stands for: the calls its check makes on the reference and
    the reference's answers (recorded once per suite content in a sandboxed oracle run), or why not."""
    key = hashlib.sha256(f"check\0{suite.fn_name}\0{suite.check_source}\0{suite.reference}".encode()).hexdigest()
    with _oracles_lock:
        if key in _recorded:
            return _recorded[key]
    result = run_program("", mode="record", limits=_ORACLE_LIMITS, pool=pool,
                         spec={"fn_name": suite.fn_name, "check_source": suite.check_source,
                               "reference": suite.reference, "check_name": suite.check_name})
    end = result.event("exit")
    found: CallSuite | str
    if end is None or end.get("status") != "ok":
        why = (end or {}).get("error") or result.stderr.strip()[-500:] or "no result"
        found = f"the task's check could not be recorded on its reference: {why}"
    else:
        calls = [e for e in result.events if e.get("event") == "recorded"]
        if not calls or len(calls) != end.get("cases"):
            found = "the task's check made no call that could be recorded"
        else:
            found = CallSuite(fn_name=suite.fn_name, encoded_args=True,
                              cases=tuple(CallCase(tuple(e["args"]), e.get("value")) for e in calls))
    with _oracles_lock:
        _recorded[key] = found
    return found


_recorded: dict[str, CallSuite | str] = {}


def plain_equal(actual: Any, expected: Any) -> bool:
    """Equality of two values serialised by the harness (``_plain``), with Python's ``==``
    semantics for what was serialised: numbers compare by value, containers element-wise, a
    tuple never equals a list, mappings and sets ignore order, NaN equals nothing."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        return (isinstance(actual, (bool, int, float)) and isinstance(expected, (bool, int, float))
                and actual == expected)
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        return actual == expected
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(map(plain_equal, actual, expected))
    if isinstance(actual, dict) and isinstance(expected, dict):
        if actual.keys() != expected.keys():
            return False
        if "__float__" in actual:
            return "nan" not in str(actual["__float__"]) and actual == expected
        if "__dict__" in actual or "__set__" in actual:
            tag = "__dict__" if "__dict__" in actual else "__set__"
            mine, theirs = actual[tag], expected[tag]
            return isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs) \
                and all(map(plain_equal, mine, theirs))
        return all(plain_equal(actual[k], expected[k]) for k in actual)
    return type(actual) is type(expected) and bool(actual == expected)


def _hedged(types: list[Any]) -> bool:
    """Whether a raised exception's type hierarchy claims more than two unrelated builtin
    exceptions. The standard library combines at most two (``io.UnsupportedOperation`` is an
    ``OSError`` and a ``ValueError``); a class deriving from every builtin exception passes any
    "must raise X" case without knowing X (red-team)."""
    classes = []
    for name in types:
        if isinstance(name, str) and name.startswith("builtins."):
            found = getattr(builtins, name.removeprefix("builtins."), None)
            if isinstance(found, type) and issubclass(found, BaseException):
                classes.append(found)
    leaves = {k for k in classes if not any(other is not k and issubclass(other, k) for other in classes)}
    return len(leaves) > 2


def suite_case_result(index: int, group: str, event: dict[str, Any],
                      expected: dict[str, Any]) -> CaseResult:
    """The verdict on one case from what the program reported and what the oracle expects."""
    status = str(event.get("status"))
    error = _excerpt(str(event.get("error") or ""))
    if status == "memory":
        return CaseResult(index, CASE_MEMORY, group, error)
    raises = expected.get("raises")
    if status == "raised":
        types = event.get("types")
        if isinstance(types, list) and _hedged(types):
            return CaseResult(index, CASE_ERROR, group,
                              "raised an exception built to match any expected type: "
                              + ", ".join(sorted(str(t) for t in types))[:300])
        if raises is not None and isinstance(types, list) and raises in types:
            return CaseResult(index, CASE_PASSED, group)
        return CaseResult(index, CASE_ERROR, group, error or "raised an exception")
    if status != "returned":
        return CaseResult(index, CASE_ERROR, group, error or f"unexpected outcome {status!r}")
    value = event.get("value")
    if raises is not None:
        return CaseResult(index, CASE_FAILED, group,
                          f"expected {raises.rsplit('.', 1)[-1]} to be raised, got {_excerpt(repr(value))}")
    if "judge" in expected:  # decided afterwards by the task's matcher (runners._judge_matchers)
        return CaseResult(index, CASE_FAILED, group, f"to be judged by {expected['judge'][:200]}")
    if plain_equal(value, expected.get("value")):
        return CaseResult(index, CASE_PASSED, group)
    return CaseResult(index, CASE_FAILED, group,
                      f"expected {_excerpt(repr(expected.get('value')))}, got {_excerpt(repr(value))}")
