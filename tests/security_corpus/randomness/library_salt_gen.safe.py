import hashlib
import os


def hash_secret(secret: str) -> tuple[bytes, bytes]:
    salt = os.urandom(16)
    return salt, hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, 200_000)
