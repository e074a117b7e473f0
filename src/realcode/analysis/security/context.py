"""What the analyses of one module share: the budget, and facts that cross function boundaries.

The budget makes the engine fail closed and bounded. Work is counted in *units*: one per CFG node
visited plus one per variable copied into its state (state copies are where memory goes), so the
same limit bounds time and memory. Anything over the limit, past the deadline, or nested too deep
for the interpreter stops the analysis with ``BudgetExceeded``; the engine then reports
``security/analysis-budget`` instead of a verdict.

Cross-function facts are rebuilt each summary round from the previous one: values captured by
closures at their ``def``, fields written through ``self.x``, globals written under ``global``,
and the lambdas seen so far (so that a lambda stored in a variable can be called later).
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field, replace

from realcode.analysis.security.values import State, Value, join

# The documented budget (docs/architecture.md; measured by benchmarks/security_engine_scale.py).
# The engine costs about 20 microseconds per syntax-tree node (~10 nodes a line) on one core, so
# 500k nodes (~45k lines of ordinary code) fit 10 s; bigger programs get the budget finding at once.
MAX_SOURCE_CHARS = 2_000_000  # past this nothing is parsed (the AST alone would be ~250 MB)
MAX_AST_NODES = 500_000  # past this nothing is analysed
# Node visits plus state entries copied: every state the analysis keeps was copied once, so this
# bounds retained memory (~100 bytes an entry: under 1 GB) as well as time.
MAX_WORK_UNITS = 10_000_000
MAX_SECONDS = 10.0  # wall-clock deadline for the whole program, checked between and inside phases
# Cost of the checks that take no budget themselves (secrets.py), per syntax-tree node, measured
# (4-5 us) with headroom: they run only when they fit the time left.
UNMETERED_SECONDS_PER_NODE = 1e-5


class BudgetExceeded(Exception):
    """The analysis of this program would exceed its budget: no verdict."""


@dataclass
class Budget:
    max_units: int = MAX_WORK_UNITS
    max_seconds: float = MAX_SECONDS
    units: int = 0
    started: float = field(default_factory=time.monotonic)
    _checks: int = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self) -> None:
        if self.elapsed() > self.max_seconds:
            raise BudgetExceeded(f"more than {self.max_seconds:g} s")

    def ensure(self, seconds: float, what: str) -> None:
        """Fail now, not later, when a phase that cannot be metered would overrun the deadline."""
        if self.elapsed() + seconds > self.max_seconds:
            raise BudgetExceeded(f"{what} would take past the {self.max_seconds:g} s deadline")

    def spend(self, units: int) -> None:
        self.units += units
        if self.units > self.max_units:
            raise BudgetExceeded(f"more than {self.max_units} work units")
        self._checks += 1
        if self._checks % 256 == 0 and time.monotonic() - self.started > self.max_seconds:
            raise BudgetExceeded(f"more than {self.max_seconds:g} s")


@dataclass
class Shared:
    """Facts one round of function analyses hands to the next."""

    budget: Budget = field(default_factory=Budget)
    closures: dict[str, State] = field(default_factory=dict)  # nested function qualname -> captured
    fields: dict[str, State] = field(default_factory=dict)  # class name -> attribute -> value
    # class name -> ``__init__`` parameter -> what the program's constructions passed it
    constructed: dict[str, State] = field(default_factory=dict)
    # class name -> fields written after construction (by another method, or from outside):
    # what ``__post_init__`` proved of them no longer holds
    rewritten: dict[str, set[str]] = field(default_factory=dict)
    # class name -> attribute -> the kinds its ``__post_init__`` proved the field safe for
    field_checks: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    global_writes: State = field(default_factory=dict)  # names written under ``global``, or filled
    lambdas: dict[int, ast.Lambda] = field(default_factory=dict)
    defaults: dict[str, State] = field(default_factory=dict)  # function qualname -> parameter defaults
    nonlocal_writes: dict[str, State] = field(default_factory=dict)  # enclosing qualname -> written

    def capture(self, qualname: str, state: State) -> None:
        captured = {k: v for k, v in state.items() if _worth_keeping(v)}
        old = self.closures.get(qualname)
        if old is None:
            self.closures[qualname] = captured
        else:
            for name, value in captured.items():
                old[name] = join(old[name], value) if name in old else value

    def write_field(self, class_name: str, attr: str, value: Value) -> None:
        if not _worth_keeping(value):
            return
        fields = self.fields.setdefault(class_name, {})
        if attr in fields:
            old = fields[attr]
            joined = join(old, value)
            # data put into a typed object (session.add(x)) leaves it that type
            fields[attr] = replace(joined, ref=old.ref) if value.ref is None and old.ref is not None else joined
        else:
            fields[attr] = value

    def construct(self, class_name: str, param: str, value: Value) -> None:
        given = self.constructed.setdefault(class_name, {})
        given[param] = join(given[param], value) if param in given else value

    def write_global(self, name: str, value: Value) -> None:
        if value.tainted:
            old = self.global_writes.get(name)
            self.global_writes[name] = value if old is None else join(old, value)

    def write_nonlocal(self, scope: str, name: str, value: Value) -> None:
        if value.tainted:
            written = self.nonlocal_writes.setdefault(scope, {})
            written[name] = join(written[name], value) if name in written else value


def _worth_keeping(value: Value) -> bool:
    """Tainted data, typed objects and callables (``self.query = self.conn.execute``)."""
    return value.tainted or value.ref is not None
