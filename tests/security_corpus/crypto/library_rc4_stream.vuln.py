from Crypto.Cipher import ARC4


class Channel:
    def __init__(self, key: bytes) -> None:
        self._cipher = ARC4.new(key)

    def send(self, data: bytes) -> bytes:
        return self._cipher.encrypt(data)
