from passlib.hash import pbkdf2_sha256


class Accounts:
    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}

    def register(self, login: str, passwd: str) -> None:
        self._hashes[login] = pbkdf2_sha256.hash(passwd)
