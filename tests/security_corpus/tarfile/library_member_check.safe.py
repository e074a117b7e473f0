import os
import tarfile


def unpack(archive: str, dest: str) -> None:
    with tarfile.open(archive, "r:gz") as tf:
        root = os.path.realpath(dest)
        for member in tf.getmembers():
            target = os.path.realpath(os.path.join(dest, member.name))
            if os.path.commonpath([root, target]) != root or member.issym() or member.islnk():
                raise ValueError(f"unsafe member {member.name}")
        tf.extractall(dest)
