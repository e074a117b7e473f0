import hashlib


def hash_pw(pw: str) -> str:
    return hashlib.sha3_256(pw.encode()).hexdigest()
