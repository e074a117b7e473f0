import os

BASE = "/srv/app/uploads"


def _reader(base: str):
    def read(name: str) -> bytes:
        root = os.path.realpath(base)
        path = os.path.realpath(os.path.join(root, name))
        if not path.startswith(root + os.sep):
            raise PermissionError(name)
        with open(path, "rb") as handle:
            return handle.read()
    return read


read_upload = _reader(BASE)


def download(filename: str) -> bytes:
    """Serve a file a user uploaded earlier."""
    return read_upload(filename)
