import re

URL_PATH = re.compile(r"^(/|[a-z]+|[a-z0-9]+)*\.html$")


def is_page(path: str) -> bool:
    return bool(URL_PATH.match(path))
