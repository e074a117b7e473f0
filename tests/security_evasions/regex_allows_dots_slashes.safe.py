import os
import re

BASE = "/srv/files"


def read_file(name):
    if not re.fullmatch(r"[\w-]+", name):
        raise ValueError("bad name")
    with open(os.path.join(BASE, name)) as f:
        return f.read()
