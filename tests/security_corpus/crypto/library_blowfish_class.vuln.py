from Crypto.Cipher import Blowfish


class Vault:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def lock(self, secret: bytes) -> tuple[bytes, bytes, bytes]:
        c = Blowfish.new(self.key, Blowfish.MODE_EAX)
        ct, tag = c.encrypt_and_digest(secret)
        return c.nonce, ct, tag
