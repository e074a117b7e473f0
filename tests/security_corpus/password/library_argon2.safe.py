from argon2 import PasswordHasher


def hash_pw(pw: str) -> str:
    return PasswordHasher().hash(pw)
