"""Pull the program out of a model completion.

Models wrap code in Markdown fences, reason before it, sometimes repeat the prompt's placeholder, or
emit nothing usable. The rule, in order:

1. the last fenced block tagged ``python``/``py``/``python3`` that holds real code;
2. otherwise the last untagged fenced block that holds real code;
3. otherwise, when the completion has no fence at all, the whole text if it parses as Python, or
   the program after a line of prose (``Here is the code:``) and before a closing remark;
4. otherwise, unfenced text that reads as Python but does not parse is taken as it is
   (``raw-syntax-error``): a syntax error is the scorer's verdict, not "no code";
5. otherwise no code.

A chat-template stop token left in the text (``<|im_end|>``, ``<|endoftext|>``, ...) is cut away first,
an unterminated final fence (the generation hit its length limit) is still taken, and a closing fence
glued to the last line of code (``conn.close()```) closes the block without joining the code.
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
    method: str  # "fenced-python", "fenced", "raw", "raw-syntax-error", "none"

    @property
    def found(self) -> bool:
        return self.code is not None


def _strip_stop_tokens(text: str) -> str:
    for token in _STOP_TOKENS:
        cut = text.find(token)
        if cut != -1:
            text = text[:cut]
    return text


def _glued_close(line: str, fence: str) -> str | None:
    """The code before a closing fence glued to the end of ``line`` (``x = 1```), else None."""
    stripped = line.rstrip()
    run = len(stripped) - len(stripped.rstrip(fence[0]))
    prefix = stripped[: len(stripped) - run]
    if run < len(fence) or not prefix.strip() or run > len(fence) + 1:
        return None
    return prefix


def _fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Return (language tag, body) for each fenced block; an unclosed final fence runs to the end.

    A block whose closing fence is glued to its last code line ends there when no fence line
    closes it later, or when the body up to that line parses and the body up to the later fence
    does not (a line ending in backticks inside a string is rare; a glued fence is common)."""
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
        end = len(text) if closing is None else matches[closing].start()
        glued = _first_glued(text, body_start, end, fence)
        if glued is not None:
            glued_body, glued_end = glued
            full_body = text[body_start:end]
            if closing is None or (_parses(glued_body) and not _parses(full_body)):
                blocks.append((tag, glued_body))
                i = next((j for j in range(i + 1, len(matches)) if matches[j].start() >= glued_end), len(matches))
                continue
        if closing is None:
            blocks.append((tag, text[body_start:]))
            break
        blocks.append((tag, text[body_start : matches[closing].start()]))
        i = closing + 1
    return blocks


def _first_glued(text: str, start: int, end: int, fence: str) -> tuple[str, int] | None:
    """(body up to and including the code of the first line with a glued closing fence, the
    offset just after that line) within ``text[start:end]``; None when no line has one."""
    offset = start
    for line in text[start:end].splitlines(keepends=True):
        prefix = _glued_close(line, fence)
        if prefix is not None:
            return text[start:offset] + prefix + "\n", offset + len(line)
        offset += len(line)
    return None


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


# A line that starts a Python statement unmistakably (prose rarely starts like this).
_STATEMENT = re.compile(
    r"^(?:(?:async\s+)?def\s+\w+\s*\(|class\s+\w+\s*[(:]|import\s+[\w.]+|from\s+[\w.]+\s+import\s|@[\w.]+"
    r"|if\s+__name__\s*==|(?:return|raise|yield)\b|(?:for|while|if|elif|with|try|except)\b.*:\s*(?:#.*)?$"
    r"|else\s*:|finally\s*:|[A-Za-z_][\w.\[\]'\"]*\s*(?:[-+*/%|&^]|//|\*\*|<<|>>)?=[^=]"
    r"|[A-Za-z_][\w.]*\(.*\)\s*(?:#.*)?$)")


def _code_lines(lines: list[str]) -> list[bool]:
    """Per line: does it read as Python (a statement start, an indented line, a comment or a
    continuation of brackets)?"""
    marks = []
    for line in lines:
        stripped = line.strip()
        marks.append(bool(stripped) and (
            bool(_STATEMENT.match(stripped)) or line[:1] in (" ", "\t") or stripped.startswith("#")
            or stripped[0] in ")]}" or stripped.endswith((",", "(", "[", "{"))))
    return marks


def _unfenced_program(text: str) -> ExtractedCode:
    """The program in text without fences: the whole text, or the span from the first statement
    line to the last code line (prose around it), when it parses; else, when that span reads as
    Python (mostly code lines, a definition/import among them), that span as a syntax error."""
    stripped = text.strip("\n")
    if not stripped or is_placeholder(stripped):
        return ExtractedCode(None, "none")
    if _looks_like_code(stripped):
        return ExtractedCode(stripped + "\n", "raw")
    lines = stripped.split("\n")
    marks = _code_lines(lines)
    starts = [i for i, line in enumerate(lines) if line[:1] not in (" ", "\t") and _STATEMENT.match(line.strip())]
    if not starts:
        return ExtractedCode(None, "none")
    first = starts[0]
    last = max(i for i, mark in enumerate(marks) if mark)
    span = "\n".join(lines[first : last + 1]).strip("\n")
    if not span or is_placeholder(span):
        return ExtractedCode(None, "none")
    if _looks_like_code(span):
        return ExtractedCode(span + "\n", "raw")
    nonblank = [m for line, m in zip(lines[first : last + 1], marks[first : last + 1], strict=True) if line.strip()]
    definition = any(re.match(r"(?:async\s+)?def\s|class\s|import\s|from\s+\S+\s+import\s", lines[i].strip())
                     for i in starts)
    if definition and len(nonblank) >= 2 and sum(nonblank) >= 0.8 * len(nonblank):
        return ExtractedCode(span + "\n", "raw-syntax-error")
    return ExtractedCode(None, "none")


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
    return _unfenced_program(text)
