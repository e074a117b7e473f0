from urllib.parse import urlparse
from urllib.request import urlopen as fetch

ALLOWED = frozenset({"example.com", "api.example.com"})


def get_json(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname in ALLOWED:
        return fetch(url).read()
    raise ValueError("unsupported url")
