import tarfile
from pathlib import Path


def extract_member(archive: str, name: str, out_dir: str) -> Path:
    with tarfile.open(archive) as tar:
        member = tar.getmember(name)
        tar.extract(member, out_dir)
    return Path(out_dir) / member.name
