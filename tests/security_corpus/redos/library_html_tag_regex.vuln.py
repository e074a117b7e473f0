import re

TAG = re.compile(r"<(\w+)(\s+\w+=(\"[^\"]*\"|\w+)*)*>")


def tags(markup: str) -> list[str]:
    return [m.group(1) for m in TAG.finditer(markup)]
