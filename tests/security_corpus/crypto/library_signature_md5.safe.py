import hashlib
import hmac
import os

SECRET = os.environ["SIGNING_KEY"].encode()


def sign(message: bytes) -> str:
    return hmac.new(SECRET, message, hashlib.sha256).hexdigest()


def verify(message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(message), signature)
