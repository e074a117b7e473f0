import os

BASE = "/srv/files"


def read_file(name):
    with open("{}/{}".format(BASE, os.path.basename(name))) as f:
        return f.read()
