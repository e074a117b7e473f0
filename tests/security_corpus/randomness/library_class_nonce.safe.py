import secrets


class CsrfProtector:
    def __init__(self) -> None:
        self.issued: set[str] = set()

    def new_token(self) -> str:
        token = secrets.token_urlsafe(24)
        self.issued.add(token)
        return token
