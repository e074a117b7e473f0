import os

BASE = "/srv/app/uploads"


def _reader(base: str):
    def read(name: str) -> bytes:
        with open(os.path.join(base, name), "rb") as handle:
            return handle.read()
    return read


read_upload = _reader(BASE)


def download(filename: str) -> bytes:
    """Serve a file a user uploaded earlier."""
    return read_upload(filename)
