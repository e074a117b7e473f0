import hashlib
import os


def file_checksum(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def password_record(password: str) -> str:
    salt = os.urandom(16)
    return salt.hex() + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000).hex()
