"""Type-aware mutation of test inputs (the EvalPlus way), kept inside the shape the given inputs show.

For each argument position a ``Domain`` is inferred from the given inputs: the value's type, the
range of numbers (and whether they were ever negative or zero), the alphabet and length range of
strings (and a frame such as surrounding quotes that every given string shares), list lengths,
whether lists were always sorted or of distinct elements, and rectangular nested lists. Mutations
(numbers +-1, scaled, at the range's bounds; strings with characters replaced, inserted, deleted,
swapped, reversed; lists shuffled, shortened, lengthened, elements mutated; dict values mutated)
stay inside that domain, so a derived input looks like an input the task promised to handle.
Everything is drawn from the ``random.Random`` passed in: same seed, same inputs.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import string
from dataclasses import dataclass, field
from typing import Any

_MAX_DEPTH = 6
# Distinct letters (or digits) the given strings must use before mutation draws from the whole class:
# "abab" may be a two-letter alphabet by contract, "hello world" is text.
_WIDEN_AFTER = 4


@dataclass
class Domain:
    kind: str  # bool, int, float, str, list, dict, none, mixed
    low: float = 0
    high: float = 0
    decimals: int = 0
    alphabet: tuple[str, ...] = ()
    frame: tuple[str, str] = ("", "")
    min_len: int = 0
    max_len: int = 0
    sorted: bool = False
    distinct: bool = False
    rectangular: bool = False
    element: Domain | None = None
    values: dict[str, Domain] = field(default_factory=dict)


def _kind(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "dict"
    return "mixed"


def infer(values: list[Any], depth: int = 0) -> Domain:
    """The domain the given ``values`` (one argument position across test cases) are drawn from."""
    kinds = {_kind(v) for v in values}
    if kinds == {"int", "float"}:
        kinds = {"float"}
    if len(kinds) != 1 or depth > _MAX_DEPTH:
        return Domain("mixed")
    kind = kinds.pop()
    if kind in ("int", "float"):
        decimals = max((len(repr(float(v)).split(".")[1]) for v in values if isinstance(v, float)
                        and "e" not in repr(v)), default=0)
        return Domain(kind, low=min(values), high=max(values), decimals=min(decimals, 6))
    if kind == "str":
        return _infer_str(values)
    if kind == "list":
        elements = [e for v in values for e in v]
        nested = all(isinstance(e, list) for e in elements) and bool(elements)
        return Domain(
            "list", min_len=min(map(len, values)), max_len=max(map(len, values)),
            sorted=any(len(v) > 1 for v in values) and all(_is_sorted(v) for v in values),
            distinct=any(len(v) > 1 for v in values) and all(_distinct(v) for v in values),
            rectangular=nested and all(len({len(e) for e in v}) <= 1 for v in values),
            element=infer(elements, depth + 1) if elements else None,
        )
    if kind == "dict":
        keys = sorted({k for v in values for k in v})
        return Domain("dict", values={k: infer([v[k] for v in values if k in v], depth + 1)
                                      for k in keys})
    return Domain(kind)


def _infer_str(values: list[str]) -> Domain:
    head, tail = "", ""
    if all(len(v) >= 2 for v in values):
        first, last = {v[0] for v in values}, {v[-1] for v in values}
        if len(first) == 1 and len(last) == 1 and not (values[0][0].isalnum() or values[0][-1].isalnum()):
            head, tail = values[0][0], values[0][-1]  # e.g. strings that carry their own quotes
    inner = [v[len(head): len(v) - len(tail)] for v in values]
    seen = {c for v in inner for c in v}
    for letters in (string.ascii_lowercase, string.ascii_uppercase, string.digits):
        if len(seen & set(letters)) >= _WIDEN_AFTER:
            seen |= set(letters)  # enough of a character class to take the whole class
    alphabet = tuple(sorted(seen)) or tuple("abc")
    return Domain("str", alphabet=alphabet, frame=(head, tail),
                  min_len=min(map(len, inner)), max_len=max(map(len, inner)))


def _is_sorted(items: list[Any]) -> bool:
    try:
        return all(a <= b for a, b in itertools.pairwise(items))
    except TypeError:
        return False


def _distinct(items: list[Any]) -> bool:
    keys = [json.dumps(i, sort_keys=True) for i in items]
    return len(set(keys)) == len(keys)


# ----------------------------------------------------------------------------- mutation


def mutate(value: Any, domain: Domain, rng: random.Random, keep_length: bool = False) -> Any:
    """One mutation of ``value`` inside ``domain`` (unchanged where the domain says nothing)."""
    if domain.kind == "bool" and isinstance(value, bool):
        return not value
    if domain.kind in ("int", "float") and isinstance(value, (int, float)):
        return _mutate_number(value, domain, rng)
    if domain.kind == "str" and isinstance(value, str):
        return _mutate_str(value, domain, rng, keep_length)
    if domain.kind == "list" and isinstance(value, list):
        return _mutate_list(value, domain, rng, keep_length)
    if domain.kind == "dict" and isinstance(value, dict) and domain.values:
        keys = [k for k in sorted(value) if k in domain.values]
        if keys:
            key = rng.choice(keys)
            return {**value, key: mutate(value[key], domain.values[key], rng)}
    return value


def _number_bounds(domain: Domain) -> tuple[float, float]:
    """The given range widened, but never across zero in a direction the given inputs never went."""
    low, high = domain.low, domain.high
    wide_low = min(2 * low, low - 10) if low < 0 else (0 if low == 0 else (1 if low >= 1 else 0))
    wide_high = max(2 * high, high + 10) if high > 0 else (0 if high == 0 else -1)
    return wide_low, wide_high


def _mutate_number(value: float, domain: Domain, rng: random.Random) -> float:
    low, high = _number_bounds(domain)
    if domain.kind == "int":
        step = max(1, int(abs(value)) // 4)
        choices = [value + 1, value - 1, value + rng.randint(1, step), value - rng.randint(1, step),
                   value * 2, value // 2, domain.low, domain.high, low, high,
                   rng.randint(int(low), int(high))]
        result: float = int(rng.choice(choices))
    else:
        choices = [value * rng.uniform(0.5, 1.5), value + rng.uniform(-1, 1), domain.low, domain.high,
                   rng.uniform(low, high)]
        result = round(rng.choice(choices), max(domain.decimals, 1))
    result = min(max(result, low), high)
    return int(result) if domain.kind == "int" else float(result)


def _mutate_str(value: str, domain: Domain, rng: random.Random, keep_length: bool) -> str:
    head, tail = domain.frame
    framed = bool(head) and value.startswith(head) and value.endswith(tail) and len(value) >= 2
    text = list(value[len(head): len(value) - len(tail)] if framed else value)
    alphabet = domain.alphabet or ("a",)
    max_len = max(2 * domain.max_len, domain.max_len + 3)
    ops = ["replace", "swap"] if keep_length else ["replace", "insert", "delete", "swap", "reverse", "repeat"]
    op = rng.choice(ops)
    if op == "replace" and text:
        text[rng.randrange(len(text))] = rng.choice(alphabet)
    elif op == "insert" and len(text) < max_len:
        text.insert(rng.randint(0, len(text)), rng.choice(alphabet))
    elif op == "delete" and len(text) > domain.min_len:
        del text[rng.randrange(len(text))]
    elif op == "swap" and len(text) > 1:
        i, j = rng.randrange(len(text)), rng.randrange(len(text))
        text[i], text[j] = text[j], text[i]
    elif op == "reverse":
        text.reverse()
    elif op == "repeat" and text and 2 * len(text) <= max_len:
        start = rng.randrange(len(text))
        text[start:start] = text[start: start + rng.randint(1, len(text) - start)]
    body = "".join(text)
    return head + body + tail if framed else body


def _mutate_list(value: list[Any], domain: Domain, rng: random.Random, keep_length: bool) -> list[Any]:
    items = list(value)
    max_len = max(2 * domain.max_len, domain.max_len + 3)
    ops = ["element", "shuffle", "reverse"]
    if not keep_length:
        ops += ["drop", "duplicate", "grow"]
    op = rng.choice(ops)
    element = domain.element
    if op == "element" and items and element is not None:
        i = rng.randrange(len(items))
        items[i] = mutate(items[i], element, rng, keep_length=domain.rectangular)
    elif op == "shuffle":
        rng.shuffle(items)
    elif op == "reverse":
        items.reverse()
    elif op == "drop" and len(items) > domain.min_len:
        del items[rng.randrange(len(items))]
    elif op == "duplicate" and items and len(items) < max_len:
        items.insert(rng.randrange(len(items) + 1), items[rng.randrange(len(items))])
    elif op == "grow" and items and element is not None and len(items) < max_len:
        new = mutate(items[rng.randrange(len(items))], element, rng, keep_length=domain.rectangular)
        items.insert(rng.randrange(len(items) + 1), new)
    if domain.distinct:
        unique: dict[str, Any] = {}
        for item in items:
            unique.setdefault(json.dumps(item, sort_keys=True), item)
        items = list(unique.values())
    if domain.sorted:
        with contextlib.suppress(TypeError):
            items.sort()
    return items


def mutate_inputs(seeds: list[list[Any]], count: int, rng: random.Random,
                  max_chars: int | None = None) -> list[list[Any]]:
    """Up to ``count`` new argument lists derived from ``seeds`` (lists of arguments of one arity),
    none equal to a seed or to each other. Mutants are mutated further, as EvalPlus does."""
    arity = len(seeds[0]) if seeds else 0
    seeds = [s for s in seeds if len(s) == arity]
    if not seeds or arity == 0:
        return []
    # one domain per argument position and kind: a position that mixes kinds ("50" and 4) mutates
    # each value within the values of its own kind
    domains = [_by_kind([s[i] for s in seeds]) for i in range(arity)]
    limit = max_chars or 4 * max(len(json.dumps(s)) for s in seeds) + 200
    seen = {json.dumps(s, sort_keys=True) for s in seeds}
    pool: list[list[Any]] = [list(s) for s in seeds]
    found: list[list[Any]] = []
    for _ in range(count * 20):
        if len(found) >= count:
            break
        args = [_copy(a) for a in rng.choice(pool)]
        for position in rng.sample(range(arity), 2 if arity > 1 and rng.random() < 0.3 else 1):
            domain = domains[position].get(_kind(args[position]))
            if domain is not None:
                args[position] = mutate(args[position], domain, rng)
        key = json.dumps(args, sort_keys=True)
        if key in seen or len(key) > limit:
            continue
        seen.add(key)
        pool.append(args)
        found.append(args)
    return found


def _by_kind(values: list[Any]) -> dict[str, Domain]:
    groups: dict[str, list[Any]] = {}
    for value in values:
        groups.setdefault(_kind(value), []).append(value)
    return {kind: infer(group) for kind, group in groups.items()}


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value))
