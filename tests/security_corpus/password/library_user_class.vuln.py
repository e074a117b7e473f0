import hashlib


class User:
    def __init__(self, name: str, password: str) -> None:
        self.name = name
        self.password_hash = hashlib.sha1(password.encode()).hexdigest()

    def check(self, attempt: str) -> bool:
        return hashlib.sha1(attempt.encode()).hexdigest() == self.password_hash
