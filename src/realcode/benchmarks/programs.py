"""The program a completion stands for, given its task.

Python chat answers go through ``extract_code``. Two task kinds need more:

* completion style (HumanEval's original protocol): the model continues the prompt's signature and
  docstring. A completion that defines the entry point at module level is a whole program; anything
  else (a bare body, with or without a fence) is appended to the prompt.
* other languages (CyberSecEval): the fenced block tagged with the task's language, else the last
  untagged one, else the last fenced one, else the whole text when it has no fence at all.
"""

from __future__ import annotations

import ast

# The fence parser and stop-token cutter are the extractor's own, so both paths agree on fences.
from realcode.code.extract import _fenced_blocks, _strip_stop_tokens, extract_code, is_placeholder

LANGUAGE_TAGS: dict[str, frozenset[str]] = {
    "c": frozenset({"c", "h"}),
    "cpp": frozenset({"cpp", "c++", "cc", "cxx", "hpp"}),
    "csharp": frozenset({"csharp", "cs", "c#"}),
    "java": frozenset({"java"}),
    "javascript": frozenset({"javascript", "js", "jsx", "node", "nodejs", "mjs"}),
    "php": frozenset({"php"}),
    "python": frozenset({"python", "py", "python3", "py3"}),
    "rust": frozenset({"rust", "rs"}),
}


def task_program(task: object, completion: str | None) -> str | None:
    """The whole program ``completion`` stands for under ``task`` (a ``Task``); None: no code."""
    language = str(getattr(task, "language", "python") or "python")
    if language != "python":
        return foreign_program(completion, language)
    prefix = str(getattr(task, "completion_prefix", "") or "")
    if prefix:
        return joined_program(prefix, getattr(task, "entry_point", None), completion)
    return extract_code(completion).code


def defines_at_top(code: str, name: str | None) -> bool:
    """Does ``code`` parse and define ``name`` (a function or class) at module level?"""
    if not name:
        return False
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return any(isinstance(node, kinds) and node.name == name for node in tree.body)


def joined_program(prefix: str, entry_point: str | None, completion: str | None) -> str | None:
    """Completion style: a whole function stands alone; a body continues ``prefix``."""
    if not completion or not isinstance(completion, str):
        return None
    whole = extract_code(completion).code
    if whole is not None and defines_at_top(whole, entry_point):
        return whole
    text = _strip_stop_tokens(completion).replace("\r\n", "\n")
    blocks = _fenced_blocks(text)
    body = blocks[-1][1] if blocks else text
    if not body.strip() or is_placeholder(body):
        return None
    body = body.strip("\n")
    return prefix.rstrip("\n") + "\n" + body + "\n"


def foreign_program(completion: str | None, language: str) -> str | None:
    """A program in another language: the fence tagged with it, else an untagged one, else raw."""
    if not completion or not isinstance(completion, str):
        return None
    text = _strip_stop_tokens(completion).replace("\r\n", "\n")
    blocks = _fenced_blocks(text)
    if not blocks:
        stripped = text.strip("\n")
        return stripped + "\n" if stripped.strip() else None
    tags = LANGUAGE_TAGS.get(language, frozenset({language}))
    for wanted in (tags, frozenset({""})):
        for tag, body in reversed(blocks):
            if tag in wanted and body.strip():
                return body.strip("\n") + "\n"
    # A fence tagged otherwise is still the answer (a C answer to a C++ prompt is C code).
    bodies = [body for _tag, body in blocks if body.strip()]
    return bodies[-1].strip("\n") + "\n" if bodies else None
