import tarfile


def open_and_unpack(path: str, dest: str) -> None:
    archive = tarfile.open(path)
    unpack = archive.extractall
    unpack(dest)
    archive.close()
