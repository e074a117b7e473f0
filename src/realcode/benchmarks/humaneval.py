"""HumanEval (Chen et al., 2021) in two styles, with its ``check`` asserts turned into call cases.

Prompt-completion style (``humaneval``): the model continues the signature and docstring; instruct
style (``humaneval_instruct``): a chat prompt, the whole function back. The reference solution of
both is the prompt followed by the canonical body.

Verdicts are taken outside the program's process wherever possible: each ``assert candidate(args)
== expected`` of ``check`` (and its ``is``/``not``/truthy and tight ``abs(...) < tol`` forms) with
literal arguments and a literal expected value becomes a ``CallCase``, compared in the parent. A
task whose ``check`` holds anything else (loops over random inputs, helper calls, variables) gets a
``CheckSuite``: its ``check`` drives the reference in an oracle run and the recorded calls become
call cases (``context["tests_from"]`` says which).
"""

from __future__ import annotations

import ast
import json
import math
from dataclasses import dataclass
from typing import Any

from realcode.benchmarks.task import Task, chat_prompt
from realcode.execution.suites import CallCase, CallSuite, CheckSuite

# Float tolerance the parent's comparison applies (runners.values_equal: rel 1e-6): an
# ``abs(candidate(x) - y) < tol`` assert converts only when tol is no looser than that.
_MAX_TOLERANCE = 1e-6

INSTRUCT_TEMPLATE = (
    "Complete the following Python function. Reply with the whole program (imports, helper "
    "functions and the completed function) in one ```python code block.\n\n```python\n{prompt}```\n"
)


@dataclass(frozen=True)
class Conversion:
    """The call cases of a ``check`` function, or why it did not convert whole."""

    cases: tuple[CallCase, ...]
    asserts: int  # asserts that call the candidate
    converted: int  # of which became call cases
    reason: str | None  # None: the whole check converted


_MAX_FOLDED = 10_000  # the largest number magnitude (digits) or sequence a folded expression may make
_FOLD_OPS: dict[type[ast.operator], Any] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
}


class _NotLiteral(Exception):
    pass


def _fold(node: ast.expr) -> Any:
    """A literal, or arithmetic/concatenation over literals (``3 * 19``, ``'ab' + 'c'``, ``2.0/3.0``),
    evaluated from the syntax tree alone (nothing is executed) with bounded sizes."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_fold(e) for e in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_fold(k): _fold(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _fold(node.operand)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _FOLD_OPS:
        left, right = _fold(node.left), _fold(node.right)
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
        if isinstance(node.op, ast.Pow) and not (numbers and abs(right) <= 64 and abs(left) <= _MAX_FOLDED):
            raise _NotLiteral
        if isinstance(node.op, ast.Mult) and not numbers:  # sequence repetition, bounded
            sequence, count = (left, right) if isinstance(right, int) else (right, left)
            if not (isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
                    and len(sequence) * count <= _MAX_FOLDED):
                raise _NotLiteral
        try:
            return _FOLD_OPS[type(node.op)](left, right)
        except (TypeError, ZeroDivisionError, OverflowError, ValueError) as exc:
            raise _NotLiteral from exc
    raise _NotLiteral


def _literal(node: ast.expr) -> tuple[bool, Any]:
    try:
        return True, _fold(node)
    except (_NotLiteral, TypeError, MemoryError, RecursionError):
        return False, None


def _json_exact(value: Any) -> bool:
    """Arguments travel to the sandbox as JSON: only values that come back identical qualify."""
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    return False


def _jsonable(value: Any) -> Any:
    """The form a returned value takes after the harness's JSON mapping (sets tagged, keys text),
    so that the expected value compares like with like in the parent."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"__float__": repr(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(_jsonable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        items = [_jsonable(v) for v in value]
        return {"__set__": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _candidate_call(node: ast.expr, candidate: str) -> tuple[Any, ...] | None:
    """Literal positional arguments of ``candidate(...)``, if ``node`` is such a call."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == candidate):
        return None
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        return None
    values = []
    for arg in node.args:
        ok, value = _literal(arg)
        if not ok or not _json_exact(value):
            return None
        values.append(value)
    return tuple(values)


def _assert_case(test: ast.expr, candidate: str) -> CallCase | None:
    """``candidate(args) == expected`` and its equivalent forms, as a call case."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        args = _candidate_call(test.operand, candidate)
        return CallCase(args, False) if args is not None else None
    args = _candidate_call(test, candidate)
    if args is not None:
        return CallCase(args, True)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, (ast.Eq, ast.Is)):
        for call, other in ((left, right), (right, left)):
            args = _candidate_call(call, candidate)
            ok, expected = _literal(other)
            if args is not None and ok and (isinstance(op, ast.Eq) or expected in (None, True, False)):
                return CallCase(args, _jsonable(expected))
        return None
    # abs(candidate(args) - expected) < tol, with tol within the parent's float tolerance
    if isinstance(op, (ast.Lt, ast.LtE)) and isinstance(left, ast.Call) and isinstance(
            left.func, ast.Name) and left.func.id == "abs" and len(left.args) == 1:
        inner = left.args[0]
        ok_tol, tolerance = _literal(right)
        if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.Sub) and ok_tol and isinstance(
                tolerance, (int, float)) and 0 < tolerance <= _MAX_TOLERANCE:
            args = _candidate_call(inner.left, candidate)
            ok, expected = _literal(inner.right)
            if args is not None and ok and isinstance(expected, (int, float)):
                return CallCase(args, float(expected))
    return None


def _is_inert(statement: ast.stmt) -> bool:
    """Statements that test nothing: docstrings/constants, ``pass``, ``assert True``."""
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, (ast.Constant, ast.Name)):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and isinstance(
            statement.value.func, ast.Name) and statement.value.func.id == "print":
        return True
    return isinstance(statement, ast.Assert) and isinstance(statement.test, ast.Constant) and bool(
        statement.test.value)


def convert_check(test_source: str) -> Conversion:
    """Turn ``def check(candidate): assert ...`` into call cases; see the module docstring."""
    try:
        tree = ast.parse(test_source)
    except SyntaxError as exc:
        return Conversion((), 0, 0, f"the test does not parse: {exc}")
    check = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None or not check.args.args:
        return Conversion((), 0, 0, "no check(candidate) function")
    candidate = check.args.args[0].arg
    others = [n for n in tree.body if n is not check and not isinstance(n, (ast.Assign, ast.Import,
                                                                            ast.ImportFrom, ast.Expr))]
    cases: list[CallCase] = []
    asserts = 0
    reason: str | None = "module-level code besides check" if others else None
    for statement in check.body:
        calls = any(isinstance(n, ast.Name) and n.id == candidate for n in ast.walk(statement))
        if isinstance(statement, ast.Assert) and calls:
            asserts += 1
            case = _assert_case(statement.test, candidate)
            if case is not None:
                cases.append(case)
                continue
            reason = reason or f"line {statement.lineno}: assert is not candidate(literals) vs a literal"
        elif not _is_inert(statement):
            if calls:
                asserts += sum(isinstance(n, ast.Assert) for n in ast.walk(statement))
            reason = reason or f"line {statement.lineno}: {type(statement).__name__} statement in check"
    if not cases and reason is None:
        reason = "check calls the candidate in no assert"
    return Conversion(tuple(cases), asserts, len(cases), reason)


def check_runner_suite(test_source: str, entry_point: str, reference: str) -> CheckSuite:
    """Fallback where ``convert_check`` cannot express the tests: the task's own ``check`` drives
    the reference solution in a sandboxed oracle run, and the calls it makes (arguments and the
    reference's answers) become the program's call cases, compared in the parent. The check never
    runs in the program's process, so the program cannot redefine or skip it."""
    return CheckSuite(fn_name=entry_point, check_source=test_source, reference=reference)


def humaneval_task(row: dict[str, Any], *, instruct: bool) -> Task:
    for key in ("task_id", "prompt", "entry_point", "canonical_solution", "test"):
        if not row.get(key):
            raise ValueError(f"missing field {key}")
    prompt, entry = str(row["prompt"]), str(row["entry_point"])
    conversion = convert_check(str(row["test"]))
    reference = prompt.rstrip("\n") + "\n" + str(row["canonical_solution"]).strip("\n") + "\n"
    tests: CallSuite | CheckSuite
    if conversion.reason is None:
        tests = CallSuite(fn_name=entry, cases=conversion.cases)
        tests_from = "call cases"
    else:
        tests = check_runner_suite(str(row["test"]), entry, reference)
        tests_from = "check recorded on the reference"
    return Task(
        id=str(row["task_id"]),
        benchmark="humaneval_instruct" if instruct else "humaneval",
        prompt=chat_prompt(INSTRUCT_TEMPLATE.format(prompt=prompt) if instruct else prompt),
        tests=tests,
        entry_point=entry,
        solutions={"reference": reference},
        completion_prefix="" if instruct else prompt,
        context={"tests_from": tests_from, "check_asserts": conversion.asserts,
                 "converted_asserts": conversion.converted, "not_converted_because": conversion.reason},
    )


def humaneval_completion_task(row: dict[str, Any]) -> Task:
    return humaneval_task(row, instruct=False)


def humaneval_instruct_task(row: dict[str, Any]) -> Task:
    return humaneval_task(row, instruct=True)
