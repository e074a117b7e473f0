import re


def split_tokens(text: str) -> list[str]:
    m = re.match(r"\w+(?:\s\w+)*$", text)
    return m.group(0).split() if m else []
