import hashlib
import hmac
import os

SECRET = os.environ["SIGNING_KEY"].encode()


def sign(message: bytes) -> str:
    return hashlib.md5(SECRET + message).hexdigest()


def verify(message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(message), signature)
