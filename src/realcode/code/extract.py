"""Pull the program out of a model completion.

Models wrap code in Markdown fences, reason before it, sometimes repeat the prompt's placeholder, or
emit nothing usable. The rule, in order:

1. the last fenced block tagged ``python``/``py``/``python3`` that holds real code;
2. otherwise the last untagged fenced block that holds real code;
3. otherwise, when the completion has no fence at all, the whole text if it parses as Python;
4. otherwise no code.

A chat-template stop token left in the text (``<|im_end|>``, ``<|endoftext|>``, ...) is cut away first,
and an unterminated final fence (the generation hit its length limit) is still taken.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

# Strings that mean "the model copied the template instead of writing code".
PLACEHOLDERS = (
    "YOUR_CODE_HERE",
    "[YOUR PYTHON CODE]",
    "YOUR PYTHON CODE",
    "# your code here",
    "# Your code here",
    "...",
    "pass",
)

_STOP_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>", "<|end|>", "<|EOT|>")
_FENCE = re.compile(r"^[ \t]*(```+|~~~+)[ \t]*([\w+\-.]*)[^\n]*$", re.MULTILINE)
_PYTHON_TAGS = {"python", "py", "python3", "py3", "ipython"}


@dataclass(frozen=True)
class ExtractedCode:
    """The program found in a completion, and how it was found (for debugging extractors)."""

    code: str | None
    method: str  # "fenced-python", "fenced", "raw", "none"

    @property
    def found(self) -> bool:
        return self.code is not None


def _strip_stop_tokens(text: str) -> str:
    for token in _STOP_TOKENS:
        cut = text.find(token)
        if cut != -1:
            text = text[:cut]
    return text


def _fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Return (language tag, body) for each fenced block; an unclosed final fence runs to the end."""
    blocks: list[tuple[str, str]] = []
    matches = list(_FENCE.finditer(text))
    i = 0
    while i < len(matches):
        opening = matches[i]
        fence, tag = opening.group(1), opening.group(2).lower()
        body_start = opening.end() + 1
        closing = next(
            (
                j
                for j in range(i + 1, len(matches))
                if matches[j].group(1)[0] == fence[0]
                and len(matches[j].group(1)) >= len(fence)
                and not matches[j].group(2)
            ),
            None,
        )
        if closing is None:
            blocks.append((tag, text[body_start:]))
            break
        blocks.append((tag, text[body_start : matches[closing].start()]))
        i = closing + 1
    return blocks


def is_placeholder(code: str) -> bool:
    """True when the code is empty or only a template placeholder / comments."""
    meaningful = [
        line.strip()
        for line in code.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    if not meaningful:
        return True
    joined = "\n".join(meaningful)
    return any(joined == p or joined.strip("`") == p for p in PLACEHOLDERS) or (
        len(meaningful) == 1 and any(p in meaningful[0] for p in PLACEHOLDERS[:3])
    )


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _looks_like_code(code: str) -> bool:
    """Raw text (no fences) counts as code only if it parses and is not prose that happens to parse."""
    if not _parses(code):
        return False
    tree = ast.parse(code)
    # A lone expression such as `Hello` or `The answer is 4` -> not a program.
    return any(not isinstance(node, ast.Expr) for node in tree.body)


def extract_code(completion: str | None) -> ExtractedCode:
    """Extract the program from a completion; ``code`` is None when there is none."""
    if not completion or not isinstance(completion, str):
        return ExtractedCode(None, "none")
    text = _strip_stop_tokens(completion).replace("\r\n", "\n")
    blocks = _fenced_blocks(text)
    if blocks:
        for tags, method in ((_PYTHON_TAGS, "fenced-python"), ({""}, "fenced")):
            for tag, body in reversed(blocks):
                if tag in tags and not is_placeholder(body):
                    return ExtractedCode(body.strip("\n") + "\n", method)
        return ExtractedCode(None, "none")
    stripped = text.strip("\n")
    if stripped and not is_placeholder(stripped) and _looks_like_code(stripped):
        return ExtractedCode(stripped + "\n", "raw")
    return ExtractedCode(None, "none")
