from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes


def encrypt(key: bytes, plaintext: bytes) -> tuple[bytes, bytes, bytes]:
    cipher = AES.new(key[:32], AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(plaintext)
    return cipher.nonce, ciphertext, tag


if __name__ == "__main__":
    print(encrypt(get_random_bytes(32), b"hello"))
