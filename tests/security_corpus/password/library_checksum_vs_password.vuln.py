import hashlib


def file_checksum(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def password_record(password: str) -> str:
    return hashlib.sha1(password.encode()).hexdigest()
