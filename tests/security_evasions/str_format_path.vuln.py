BASE = "/srv/files"


def read_file(name):
    with open("{}/{}".format(BASE, name)) as f:
        return f.read()
