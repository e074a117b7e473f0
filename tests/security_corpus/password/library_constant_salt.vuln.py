import hashlib

SALT = b"static-salt"

def store_password(password: str) -> bytes:
    return hashlib.sha256(SALT + password.encode()).digest()
