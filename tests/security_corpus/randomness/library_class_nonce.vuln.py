import random


class CsrfProtector:
    def __init__(self) -> None:
        self.issued: set[str] = set()

    def new_token(self) -> str:
        token = str(random.random())[2:]
        self.issued.add(token)
        return token
