"""The error analyzers: defects that break or mislead a program, apart from maintainability style.

``errors`` (what the error-free rate counts, close to the analyzer-feedback paper's EFR) is:

* ruff's error rules: syntax errors (E9), undefined and unbound names (F82), statements out of place
  (F7), invalid comparisons/asserts (F63), broken format strings (F50, F52), repeated dict keys
  (F601/F602), a name redefined before use (F811), pylint's errors (PLE), useless expressions
  whose result is thrown away (B015/B018);
* mypy in its default mode (not strict) with ``--warn-unreachable`` and ``possibly-undefined``:
  type errors, calls that cannot succeed, unreachable code, names possibly unbound. Codes that say
  nothing about a defect are dropped: ``var-annotated`` (mypy cannot infer an empty container),
  missing stubs, and the strict-mode escape-hatch reports;
* unused results of pure calls (``sorted(xs)`` or ``s.strip()`` as a statement), an AST check.

mypy strict stays the separate maintainability verdict (analyzer ``mypy``).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from realcode.analysis.base import Program
from realcode.analysis.finding import Category, Finding, Severity
from realcode.analysis.tools import MypyAnalyzer, RuffAnalyzer
from realcode.code.bindings import bound_names

RUFF_ERROR_RULES = ("E9", "F63", "F7", "F82", "F50", "F52", "F601", "F602", "F811", "PLE", "B015", "B018")
MYPY_ERROR_ARGS = ("--enable-error-code", "possibly-undefined")
# mypy codes that are no defect of the program (inference limits, stubs, strict-mode policy)
MYPY_NOT_ERRORS = frozenset({"var-annotated", "import-untyped", "import-not-found", "escape-hatch",
                             "explicit-any", "misc-escape"})

# Calls whose only effect is their result: discarding it is a mistake (``s.strip()`` alone).
PURE_BUILTINS = frozenset({"abs", "all", "any", "bool", "dict", "divmod", "filter", "float", "format",
                           "frozenset", "hash", "int", "isinstance", "len", "list", "map", "max", "min",
                           "ord", "chr", "pow", "range", "repr", "reversed", "round", "set", "sorted",
                           "str", "sum", "tuple", "type", "zip"})
PURE_METHODS = frozenset({"strip", "lstrip", "rstrip", "upper", "lower", "casefold", "capitalize",
                          "swapcase", "title", "zfill", "center", "ljust", "rjust", "replace", "split",
                          "rsplit", "splitlines", "startswith", "endswith", "isdigit", "isalpha",
                          "isalnum", "isspace", "isupper", "islower", "removeprefix", "removesuffix",
                          "expandtabs", "translate", "encode", "decode"})


def unused_pure_results(source: str) -> list[tuple[int, int, str]]:
    """(line, column, call) for each expression statement that discards a pure call's result."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    shadowed = bound_names(tree)
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        if isinstance(func, ast.Name) and func.id in PURE_BUILTINS and func.id not in shadowed:
            found.append((node.lineno, node.col_offset, f"{func.id}()"))
        elif isinstance(func, ast.Attribute) and func.attr in PURE_METHODS:
            found.append((node.lineno, node.col_offset, f".{func.attr}()"))
    return found


def _as_error(finding: Finding) -> Finding:
    return Finding(rule_id=finding.rule_id, analyzer=ErrorsAnalyzer.name, category=Category.ERROR,
                   severity=Severity.HIGH, message=finding.message, line=finding.line,
                   column=finding.column, end_line=finding.end_line, cwe=finding.cwe, path=finding.path)


class ErrorsAnalyzer:
    """ruff's error rules + mypy default mode + unused pure results; see the module docstring."""

    name = "errors"

    def __init__(self, timeout: float = 600.0) -> None:
        self.ruff = RuffAnalyzer(select=RUFF_ERROR_RULES, timeout=timeout)
        self.mypy = MypyAnalyzer(strict=False, extra_args=MYPY_ERROR_ARGS, timeout=timeout)

    def version(self) -> str:
        return f"errors-1 [{self.ruff.version()}] [{self.mypy.version()}]"

    def analyze_many(self, programs: Sequence[Program]) -> list[list[Finding]]:
        ruff = self.ruff.analyze_many(programs)
        mypy = self.mypy.analyze_many(programs)
        out: list[list[Finding]] = []
        for program, from_ruff, from_mypy in zip(programs, ruff, mypy, strict=True):
            findings = [_as_error(f) for f in from_ruff if not f.rule_id.startswith("ruff/suppression")]
            findings += [_as_error(f) for f in from_mypy
                         if f.rule_id.removeprefix("mypy/") not in MYPY_NOT_ERRORS]
            shift = program.prefix_lines
            for line, column, call in unused_pure_results(program.full_source):
                if line > shift:
                    findings.append(Finding(
                        rule_id="errors/unused-result", analyzer=self.name, category=Category.ERROR,
                        severity=Severity.MEDIUM, line=line - shift, column=column, path=program.path,
                        message=f"the result of {call} is discarded: the call has no other effect"))
            out.append(sorted(findings, key=lambda f: (f.line, f.column, f.rule_id)))
        return out
