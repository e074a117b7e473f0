"""Constant folding of conditions: ``if 7 * 18 + LIMIT > 200:`` with a constant LIMIT decides
nothing about data, and the branch it never takes is dead code.

Only literals and module names bound once to literals are folded; anything else (a call, a
variable, an attribute) makes the condition unknown. Sizes are capped so that folding a hostile
``10 ** 10 ** 10`` or a huge string repetition costs nothing.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from typing import Any

MAX_DEPTH = 32
MAX_MAGNITUDE = 10 ** 18
MAX_TEXT = 10_000

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod, ast.Div: operator.truediv, ast.BitAnd: operator.and_, ast.BitOr: operator.or_,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,
}


class _Unknown(Exception):
    pass


def fold(expr: ast.expr, constants: Mapping[str, ast.expr]) -> object | None:
    """The value of ``expr`` when it is a constant, else None (None itself folds to None too:
    callers only use the result's truth when it is known)."""
    try:
        value: object = _fold(expr, constants, 0)
        return value
    except (_Unknown, ArithmeticError, TypeError, ValueError, RecursionError):
        return None


def _fold(expr: ast.expr, constants: Mapping[str, ast.expr], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Unknown
    if isinstance(expr, ast.Constant):
        return _checked(expr.value)
    if isinstance(expr, ast.Name) and expr.id in constants:
        return _fold(constants[expr.id], constants, depth + 1)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return tuple(_fold(e, constants, depth + 1) for e in expr.elts)
    if isinstance(expr, ast.UnaryOp):
        value = _fold(expr.operand, constants, depth + 1)
        if isinstance(expr.op, ast.Not):
            return not value
        if isinstance(expr.op, ast.USub):
            return _checked(-value)
        if isinstance(expr.op, ast.UAdd):
            return value
        raise _Unknown
    if isinstance(expr, ast.BinOp) and type(expr.op) in _BINARY:
        left = _fold(expr.left, constants, depth + 1)
        right = _fold(expr.right, constants, depth + 1)
        if isinstance(expr.op, ast.Mult) and (isinstance(left, (str, tuple)) or isinstance(right, (str, tuple))):
            count = right if isinstance(left, (str, tuple)) else left
            if not isinstance(count, int) or count * max(len(left) if not isinstance(left, int) else 1,
                                                         len(right) if not isinstance(right, int) else 1) > MAX_TEXT:
                raise _Unknown
        return _checked(_BINARY[type(expr.op)](left, right))
    if isinstance(expr, ast.BoolOp):
        values = [_fold(v, constants, depth + 1) for v in expr.values]
        return all(values) if isinstance(expr.op, ast.And) else any(values)
    if isinstance(expr, ast.Compare):
        left = _fold(expr.left, constants, depth + 1)
        for op, right_expr in zip(expr.ops, expr.comparators, strict=True):
            right = _fold(right_expr, constants, depth + 1)
            if type(op) not in _COMPARE or not _COMPARE[type(op)](left, right):
                return False if type(op) in _COMPARE else _raise()
            left = right
        return True
    raise _Unknown


def _raise() -> Any:
    raise _Unknown


def _checked(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        if abs(value) > MAX_MAGNITUDE:
            raise _Unknown
        return value
    if isinstance(value, (str, bytes)):
        if len(value) > MAX_TEXT:
            raise _Unknown
        return value
    raise _Unknown
