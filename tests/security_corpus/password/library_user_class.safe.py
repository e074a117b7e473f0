import bcrypt


class User:
    def __init__(self, name: str, password: str) -> None:
        self.name = name
        self.password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())

    def check(self, attempt: str) -> bool:
        return bcrypt.checkpw(attempt.encode(), self.password_hash)
