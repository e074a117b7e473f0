"""Labeled programs for measuring detectors: SecCodePLT+ pairs, SafeSQL (with safe twins), starter.

Labels never come from the engine under test. SecCodePLT+ and the starter benchmark label their
variants themselves. SafeSQL programs are labeled by a separate, purely syntactic rule: a program
is vulnerable when the SQL text of some ``execute`` call is assembled (f-string, ``%``, ``+``,
``.format``) rather than a literal; the safe twin of a vulnerable program is written here by
rewriting each f-string query into a ``?``-parameterised query with the values passed separately.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQL_METHODS = frozenset({"execute", "executemany", "executescript"})

# SafeSQL programs the syntactic rule calls vulnerable but where, on reading, no attacker-chosen
# text reaches the SQL: adjudicated by hand (the reason is the label's evidence).
SAFESQL_REVIEWED_SAFE: dict[str, str] = {
    "program_10": "input filtered to letters, digits and spaces before it is quoted into the query",
    "program_184": "only the allow-listed words ASC/DESC are appended; values are bound parameters",
    "program_363": "inputs pass through int()/float() before they are formatted into the query",
    "program_311": "only constant SQL fragments are appended; values are bound parameters",
}


@dataclass(frozen=True)
class LabeledProgram:
    set_name: str  # seccodeplt, safesql, starter
    item_id: str  # the dataset row; a pair shares it
    cwe: int
    vulnerable: bool
    source: str
    prefix: str = ""  # setup code analysed with the program (its findings are not the program's)
    origin: str = ""  # dataset, twin, ...


def _read_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


def seccodeplt_pairs(data_dir: Path) -> Iterator[LabeledProgram]:
    for row in _read_rows(data_dir / "seccodeplt" / "train.parquet"):
        truth = row["ground_truth"]
        setup = (row.get("unittest") or {}).get("setup") or ""
        prefix = setup + "\n" if setup and not setup.endswith("\n") else setup
        for variant, vulnerable in (("vulnerable_code", True), ("patched_code", False)):
            yield LabeledProgram("seccodeplt", str(row["id"]), int(row["CWE_ID"]), vulnerable,
                                 truth["code_before"] + truth[variant] + truth["code_after"], prefix, "dataset")


def safesql_programs(data_dir: Path) -> Iterator[LabeledProgram]:
    for row in _read_rows(data_dir / "safesql" / "train.parquet"):
        source = row["execute_sql"]
        item = str(row["program_id"])
        assembled = sql_text_is_assembled(source)
        vulnerable = assembled and item not in SAFESQL_REVIEWED_SAFE
        yield LabeledProgram("safesql", item, 89, vulnerable, source,
                             origin="dataset" if vulnerable == assembled else "dataset-reviewed")
        if assembled:
            twin = parameterised_twin(source)
            if twin is not None:
                yield LabeledProgram("safesql", str(row["program_id"]), 89, False, twin, origin="twin")


def starter_pairs() -> Iterator[LabeledProgram]:
    from realcode.benchmarks.starter import starter_tasks

    for task in starter_tasks():
        if task.context.get("flaw") != "vulnerable" or task.cwe is None:
            continue
        yield LabeledProgram("starter", task.id, int(task.cwe), True, task.solutions["vulnerable"], origin="dataset")
        yield LabeledProgram("starter", task.id, int(task.cwe), False, task.solutions["reference"], origin="dataset")


# --- SafeSQL labeling and twins -------------------------------------------------------------------


def _sql_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in SQL_METHODS and node.args:
            yield node


def _is_literal_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal_text(node.left) and _is_literal_text(node.right)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    return False


def _assignments(tree: ast.AST) -> dict[str, list[ast.expr]]:
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, []).append(node.value)
            found[node.target.id].append(ast.Name("<augmented>"))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found.setdefault(node.target.id, []).append(node.value)
    return found


def sql_text_is_assembled(source: str) -> bool:
    """Whether some ``execute`` receives SQL text that is not a literal (by name, one level)."""
    tree = ast.parse(source)
    assigned = _assignments(tree)
    for call in _sql_calls(tree):
        sql = call.args[0]
        values = assigned.get(sql.id, [sql]) if isinstance(sql, ast.Name) else [sql]
        if not all(_is_literal_text(v) for v in values):
            return True
    return False


def _parameterise(fstring: ast.JoinedStr) -> tuple[ast.Constant, list[ast.expr]] | None:
    """``f"... name = '{x}' AND n LIKE '%{y}%'"`` -> ``"... name = ? AND n LIKE ?"``, [x, f"%{y}%"]."""
    pieces: list[str] = []
    params: list[ast.expr] = []
    values = list(fstring.values)
    for index, part in enumerate(values):
        if isinstance(part, ast.Constant):
            pieces.append(str(part.value))
            continue
        if not isinstance(part, ast.FormattedValue):
            return None
        before = pieces[-1] if pieces else ""
        after_node = values[index + 1] if index + 1 < len(values) else None
        after = str(after_node.value) if isinstance(after_node, ast.Constant) else ""
        prefix_wild = suffix_wild = ""
        quote = ""
        stripped = before.rstrip("%")
        if stripped.endswith(("'", '"')):
            quote = stripped[-1]
            prefix_wild = before[len(stripped):]
            pieces[-1] = stripped[:-1]
        rest = after.lstrip("%")
        if quote and rest.startswith(quote):
            suffix_wild = after[: len(after) - len(rest)]
            if isinstance(after_node, ast.Constant):
                values[index + 1] = ast.Constant(rest[1:])
        elif quote:
            return None  # an unbalanced quote: not a plain value slot
        pieces.append("?")
        value: ast.expr = part.value
        if prefix_wild or suffix_wild:
            value = ast.JoinedStr([ast.Constant(prefix_wild), ast.FormattedValue(part.value, -1, None),
                                   ast.Constant(suffix_wild)])
        elif not quote:
            value = part.value  # a number slot: binding keeps its type
        params.append(value)
    return ast.Constant("".join(pieces)), params


def _parameterise_calls(tree: ast.Module, assigned: dict[str, list[ast.expr]]) -> bool:
    """Rewrite each ``execute`` of an f-string query in place; False where one is not mechanical."""
    for call in list(_sql_calls(tree)):
        sql = call.args[0]
        if isinstance(sql, ast.JoinedStr):
            converted = _parameterise(sql)
        elif isinstance(sql, ast.Name) and len(assigned.get(sql.id, [])) == 1 and \
                isinstance(assigned[sql.id][0], ast.JoinedStr):
            converted = _parameterise(assigned[sql.id][0])  # type: ignore[arg-type]
        elif _is_literal_text(sql) or (isinstance(sql, ast.Name) and all(
                _is_literal_text(v) for v in assigned.get(sql.id, []))):
            continue
        else:
            return False
        if converted is None or len(call.args) > 1:
            return False
        text, params = converted
        call.args = [text, ast.Tuple(params, ast.Load())]
    return True


def parameterised_twin(source: str) -> str | None:
    """The program with its f-string queries parameterised, or None where that is not mechanical."""
    tree = ast.parse(source)
    if not _parameterise_calls(tree, _assignments(tree)):
        return None
    result = ast.unparse(ast.fix_missing_locations(tree))
    return result if sql_text_is_assembled(result) is False else None


# --- mutation: the same programs under other names ------------------------------------------------


def rename_identifiers(prefix: str, source: str, seed: int = 0) -> tuple[str, str]:
    """``prefix`` and ``source`` with their own functions, classes and variables renamed
    (``r0_0``, ``r0_1``...), consistently across both, and rewritten from the AST.

    Parameters keep their names: they are the function's interface (callers and tests pass them
    by keyword), so renaming them would change the program. Methods (reached as attributes),
    attributes, imported names and builtins are not the program's to rename either.
    """
    import builtins

    trees = [ast.parse(prefix), ast.parse(source)]
    params: set[str] = set()
    imported: set[str] = set()
    methods: set[str] = set()
    own: list[str] = []
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.arguments):
                params |= {a.arg for a in (*node.posonlyargs, *node.args, *node.kwonlyargs)}
                params |= {a.arg for a in (node.vararg, node.kwarg) if a is not None}
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                imported |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ClassDef):
                methods |= {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
            name = None
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = node.name
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                name = node.id
            elif isinstance(node, ast.ExceptHandler) and node.name:
                name = node.name
            if name and name not in own:
                own.append(name)
    keep = params | imported | methods | set(dir(builtins)) | {"self", "cls"}
    mapping = {name: f"r{seed}_{index}" for index, name in enumerate(n for n in own if n not in keep)}
    renamer = _Renamer(mapping)
    prefix_out, source_out = (ast.unparse(ast.fix_missing_locations(renamer.visit(t))) for t in trees)
    return (prefix_out + "\n" if prefix.strip() else ""), source_out + "\n"


class _Renamer(ast.NodeTransformer):
    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self.mapping.get(node.id, node.id)
        return node

    def _named(self, node: Any) -> Any:
        node.name = self.mapping.get(node.name, node.name)
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _named

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.ExceptHandler:
        if node.name:
            node.name = self.mapping.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def visit_Global(self, node: ast.Global) -> ast.Global:
        node.names = [self.mapping.get(n, n) for n in node.names]
        return node
