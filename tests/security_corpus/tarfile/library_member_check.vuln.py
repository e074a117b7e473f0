import os
import tarfile


def unpack(archive: str, dest: str) -> None:
    with tarfile.open(archive, "r:gz") as tf:
        tf.extractall(dest)
