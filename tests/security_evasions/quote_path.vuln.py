import os
from urllib.parse import quote

BASE = "/srv/uploads"


def read_upload(name):
    # percent-encode odd characters so any file name maps to a valid path
    path = os.path.join(BASE, quote(name))
    with open(path, encoding="utf-8") as fh:
        return fh.read()


if __name__ == "__main__":
    print(read_upload(input("file: ")))
