"""The abstract values the taint analysis computes: what is known about one Python value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from realcode.analysis.finding import TraceStep

MAX_TRACE = 12  # steps kept per path; enough to read, bounded for speed

# Origins: "source" for data from input()/requests/argv..., "param:<name>" for a parameter.
SOURCE = "source"
# Data from the command line of a local program (argv, argparse, click): attacker data for
# injections, but a path the local user names as a whole is the user's own choice.
CLI = "cli"
REAL_SOURCES = frozenset({SOURCE, CLI})


@dataclass(frozen=True)
class Value:
    tainted: bool = False
    # Kinds of sink this (tainted) value is already safe for: escaped for HTML, quoted for a shell...
    safe: frozenset[str] = frozenset()
    # The part of ``safe`` owed to an encoding (escaping, quoting) rather than to a check of the
    # content: an inverse function undoes it, so a call nobody vouches for drops it.
    escaped: frozenset[str] = frozenset()
    # Languages the string is written in, from its constant parts: html, xml, header, shell, url, sql.
    langs: frozenset[str] = frozenset()
    origins: frozenset[str] = frozenset()
    # Variables this value was parsed from (a URL and its host): a host check validates them too.
    links: frozenset[str] = frozenset()
    text: str | None = None  # the value, when it is a known constant string
    collection: bool = False  # a constant collection: the material of allow-lists
    items: frozenset[str] | None = None  # its strings, when known
    proxy: bool = False  # an instance of a class that guards its attributes (__getattr__)
    # What the value *is*, when known: a callable's qualified name (``os.system``, ``*.execute``
    # for a method of an unknown receiver, ``local:f``, ``lambda:<id>``, ``methodcaller:<name>``)
    # or an instance's type (``obj:dbapi.Cursor``). Callables are values: aliases keep this.
    ref: str | None = None
    bound: tuple[Value, ...] = ()  # arguments bound in advance (functools.partial, methodcaller)
    bound_keywords: frozenset[str] = frozenset()  # keywords bound truthy in advance (shell=True)
    # The text with its unknown parts replaced by a placeholder: the structure of a string built at
    # run time (a regular expression assembled from pieces).
    shape: str | None = None
    trace: tuple[TraceStep, ...] = ()
    # A tuple's items by position, when known: ``sql, params = build(x)`` gives ``sql`` the first
    # item's taint, not the whole tuple's. The fields above describe the tuple as a whole.
    elements: tuple[Value, ...] | None = None
    # A closure a factory returned: the factory's arguments by parameter name (its free variables).
    captured: tuple[tuple[str, Value], ...] = ()
    # A path checked to lie under a base that is itself a parameter (``safe_join(base, name)``):
    # safe for "path" only where those origins are clean at the call. The base's origins.
    confined_by: frozenset[str] = frozenset()

    def key(self) -> tuple[object, ...]:
        """Identity for fixed-point comparisons (the trace is evidence, not state)."""
        return (self.tainted, self.safe, self.escaped, self.langs, self.origins, self.links, self.text,
                self.collection, self.items, self.proxy, self.ref, tuple(b.key() for b in self.bound),
                self.bound_keywords, self.shape,
                None if self.elements is None else tuple(e.key() for e in self.elements),
                tuple((name, v.key()) for name, v in self.captured), self.confined_by)

    def step(self, line: int, note: str) -> Value:
        if not self.tainted or len(self.trace) >= MAX_TRACE or (self.trace and self.trace[-1].line == line):
            return self
        return replace(self, trace=(*self.trace, TraceStep(line, note)))

    def made_safe(self, kinds: Iterable[str]) -> Value:
        return replace(self, safe=self.safe | frozenset(kinds))

    def escaped_for(self, kinds: Iterable[str]) -> Value:
        kinds = frozenset(kinds)
        return replace(self, safe=self.safe | kinds, escaped=self.escaped | kinds)

    def is_safe_for(self, kind: str) -> bool:
        if not self.tainted or kind in self.safe:
            return True
        # A URL whose host was checked may be fetched or redirected to.
        return kind in ("fetch", "redirect") and "url" in self.safe


CLEAN = Value()


def constant(text: str | None = None, collection: bool = False, items: frozenset[str] | None = None) -> Value:
    return Value(text=text, collection=collection or items is not None, items=items, shape=text)


def tainted(origin: str, line: int, note: str) -> Value:
    return Value(tainted=True, origins=frozenset({origin}), trace=(TraceStep(line, note),))


def join(a: Value, b: Value) -> Value:
    """What is known when the value may be either (control-flow merge, either operand)."""
    if a is b or a == b:
        return a
    if a.tainted and b.tainted:
        safe = a.safe & b.safe
    else:
        safe = a.safe if a.tainted else b.safe if b.tainted else frozenset()
    return Value(
        tainted=a.tainted or b.tainted,
        safe=safe,
        escaped=(a.escaped | b.escaped) & safe,
        langs=a.langs | b.langs,
        origins=a.origins | b.origins,
        links=a.links | b.links,
        text=a.text if a.text == b.text else None,
        collection=a.collection and b.collection,
        items=a.items if a.items == b.items else None,
        proxy=a.proxy and b.proxy,
        ref=a.ref if a.ref == b.ref else None,
        bound=a.bound if a.ref == b.ref and len(a.bound) == len(b.bound) else (),
        bound_keywords=a.bound_keywords | b.bound_keywords,
        shape=a.shape if a.shape == b.shape else None,
        trace=a.trace if a.tainted else b.trace,
        elements=tuple(join(x, y) for x, y in zip(a.elements, b.elements, strict=True))
        if a.elements is not None and b.elements is not None and len(a.elements) == len(b.elements) else None,
        captured=a.captured if a.captured == b.captured else (),
        confined_by=(a.confined_by | b.confined_by) if a.tainted and b.tainted
        else a.confined_by if a.tainted else b.confined_by,
    )


def join_all(values: Iterable[Value]) -> Value:
    out = CLEAN
    first = True
    for value in values:
        out = value if first else join(out, value)
        first = False
    return out


def strip_constant(value: Value) -> Value:
    """The same taint, but no longer a known constant (an element, a derived string)."""
    if value.text is None and not value.collection and value.ref is None and value.shape is None \
            and value.elements is None and not value.captured:
        return value
    return replace(value, text=None, collection=False, items=None, ref=None, bound=(), shape=None,
                   elements=None, captured=())


def unsafe(value: Value) -> Value:
    """The same data after a transformation nobody vouches for: taint stays, escaping marks go
    (``unquote(quote(x))`` is raw again)."""
    return replace(value, safe=value.safe - value.escaped, escaped=frozenset()) if value.escaped else value


State = dict[str, Value]


def join_states(a: State | None, b: State) -> State:
    if a is None:
        return dict(b)
    out = dict(a)
    for name, value in b.items():
        out[name] = join(out[name], value) if name in out else value
    return out


def same_state(a: State | None, b: State | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.keys() == b.keys() and all(a[k].key() == b[k].key() for k in a)
