from pathlib import Path

BASE = "/srv/files"


def read_file(name):
    return Path(BASE, name).read_text()
