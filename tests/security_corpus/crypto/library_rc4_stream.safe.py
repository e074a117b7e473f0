from Crypto.Cipher import ChaCha20


class Channel:
    def __init__(self, key: bytes) -> None:
        self._cipher = ChaCha20.new(key=key[:32])

    def send(self, data: bytes) -> bytes:
        return self._cipher.encrypt(data)
