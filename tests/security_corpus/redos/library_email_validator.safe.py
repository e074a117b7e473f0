import re

EMAIL = re.compile(r"^[a-zA-Z0-9.]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}$")


def is_email(value: str) -> bool:
    return EMAIL.match(value) is not None


if __name__ == "__main__":
    print(is_email("a@b.io"))
