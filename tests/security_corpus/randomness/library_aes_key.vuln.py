import random
from Crypto.Cipher import AES


def new_cipher() -> tuple[bytes, object]:
    key = random.randbytes(32)
    return key, AES.new(key, AES.MODE_GCM)
