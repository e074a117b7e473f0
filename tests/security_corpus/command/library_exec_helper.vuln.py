import os
import shutil


def _sh(command: str) -> int:
    return os.system(command)


def compress(filename: str, level: int = 6) -> int:
    if shutil.which("gzip") is None:
        raise RuntimeError("gzip missing")
    return _sh(f"gzip -{level} {filename}")
