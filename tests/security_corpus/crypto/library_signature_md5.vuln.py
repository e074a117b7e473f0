import hashlib
import hmac

SECRET = b"loaded-from-config-at-startup"


def sign(message: bytes) -> str:
    return hashlib.md5(SECRET + message).hexdigest()


def verify(message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(message), signature)
