import os
from Crypto.Cipher import AES


def new_cipher() -> tuple[bytes, object]:
    key = os.urandom(32)
    return key, AES.new(key, AES.MODE_GCM)
