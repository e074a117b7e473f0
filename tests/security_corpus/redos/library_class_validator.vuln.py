import re


class Validator:
    def __init__(self) -> None:
        self.number = re.compile(r"^(\d+)+$")

    def check(self, s: str) -> bool:
        return self.number.fullmatch(s) is not None
