"""Code extraction on messy, realistic completions."""

from __future__ import annotations

from realcode.code import extract_code, is_placeholder


def test_last_python_block_wins_over_earlier_and_untagged_ones() -> None:
    completion = (
        "Let me think.\n```python\ndef f():\n    return 1\n```\nActually, better:\n"
        "```\nnot python at all\n```\n```python\ndef f():\n    return 2\n```\nDone."
    )
    found = extract_code(completion)
    assert found.method == "fenced-python"
    assert found.code == "def f():\n    return 2\n"


def test_untagged_fence_used_when_no_python_tag() -> None:
    found = extract_code("Here:\n```\nprint('hi')\n```\n")
    assert (found.code, found.method) == ("print('hi')\n", "fenced")


def test_py_tag_variants_and_indented_fences() -> None:
    assert extract_code("```py\nx = 1\n```").code == "x = 1\n"
    assert extract_code("```Python3\nx = 2\n```").code == "x = 2\n"
    assert extract_code("  ```python\n  x = 3\n  ```").code == "  x = 3\n"


def test_unterminated_fence_from_length_limit_is_taken() -> None:
    found = extract_code("Solution:\n```python\ndef g(a):\n    return a * 2\n")
    assert found.code == "def g(a):\n    return a * 2\n"


def test_stop_tokens_are_cut() -> None:
    found = extract_code("```python\nprint(1)\n```<|im_end|>\n```python\nprint(2)\n```")
    assert found.code == "print(1)\n"


def test_placeholders_and_empty_code_are_no_code() -> None:
    for completion in ("```python\nYOUR_CODE_HERE\n```", "```python\n[YOUR PYTHON CODE]\n```",
                       "```python\n\n```", "```python\n# your code here\n```", "", None, "   \n"):
        assert extract_code(completion).code is None, completion
    assert is_placeholder("...")
    assert not is_placeholder("x = 1")


def test_placeholder_block_is_skipped_for_a_real_one() -> None:
    completion = "Format:\n```python\nYOUR_CODE_HERE\n```\nAnswer:\n```python\ny = 5\n```"
    assert extract_code(completion).code == "y = 5\n"
    completion = "```python\ny = 5\n```\nTemplate was:\n```python\nYOUR_CODE_HERE\n```"
    assert extract_code(completion).code == "y = 5\n"


def test_raw_code_without_fences_is_taken_only_if_it_is_a_program() -> None:
    assert extract_code("import sys\nprint(sys.argv)").code == "import sys\nprint(sys.argv)\n"
    assert extract_code("The answer is that you should use a loop.").code is None
    assert extract_code("hello").code is None


def test_windows_line_endings_and_tilde_fences() -> None:
    assert extract_code("```python\r\nx = 1\r\n```").code == "x = 1\n"
    assert extract_code("~~~python\nx = 1\n~~~").code == "x = 1\n"


def test_broken_code_in_a_fence_is_still_extracted() -> None:
    # Extraction does not judge: a syntax error is the scorer's verdict, not "no code".
    assert extract_code("```python\ndef f(:\n```").code == "def f(:\n"


def test_closing_fence_glued_to_the_last_line_closes_the_block() -> None:
    found = extract_code("```python\nimport sqlite3\n\ndef close(conn):\n    conn.close()```\nDone.")
    assert (found.code, found.method) == ("import sqlite3\n\ndef close(conn):\n    conn.close()\n", "fenced-python")
    # a later block is still found after the glued one, and the last Python block wins
    text = "```python\nx = 1```\nOr shorter:\n```python\ny = 2\n```\n"
    assert extract_code(text).code == "y = 2\n"
    # glued, with a later bare fence: the body up to the glued fence parses, the longer one does not
    text = "```python\ndef f():\n    return 1```\nExplanation: f returns one.\n```\n"
    assert extract_code(text).code == "def f():\n    return 1\n"


def test_backticks_inside_a_string_do_not_close_the_block() -> None:
    assert extract_code('```python\nfence = "a```"\nprint(fence)\n```').code == 'fence = "a```"\nprint(fence)\n'


def test_unfenced_program_with_a_syntax_error_is_code_not_no_code() -> None:
    found = extract_code("import os\n\ndef listing(path)\n    return os.listdir(path)\n")
    assert found.method == "raw-syntax-error" and found.code is not None and "def listing(path)" in found.code
    found = extract_code("def f(x):\n    return x +\n")
    assert found.method == "raw-syntax-error"


def test_prose_around_an_unfenced_program_is_dropped() -> None:
    found = extract_code("Here is the code:\ndef add(a, b):\n    return a + b\nIt adds two numbers.")
    assert (found.code, found.method) == ("def add(a, b):\n    return a + b\n", "raw")


def test_prose_is_still_no_code() -> None:
    for text in ("I think the answer is to use a loop over the items and then return.",
                 "The function should return the sum.\nIt is easy.", "To fix it, call open(path) first."):
        assert extract_code(text).method == "none", text
