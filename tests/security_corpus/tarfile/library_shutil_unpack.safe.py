import shutil


def restore(snapshot: str, target: str) -> None:
    shutil.unpack_archive(snapshot, target, filter="data")
