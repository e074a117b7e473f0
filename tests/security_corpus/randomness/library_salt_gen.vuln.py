import hashlib
import random


def hash_secret(secret: str) -> tuple[bytes, bytes]:
    salt = bytes(random.randrange(256) for _ in range(16))
    return salt, hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, 200_000)
