import hashlib


class Accounts:
    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}

    def register(self, login: str, passwd: str) -> None:
        self._hashes[login] = hashlib.sha256(passwd.encode("utf-8")).hexdigest()
