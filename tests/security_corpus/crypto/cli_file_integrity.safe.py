import argparse
import hashlib


def fingerprint(path: str) -> str:
    """Digest used to detect tampering with signed release files."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(65536), b""):
            h.update(block)
    return h.hexdigest()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("expected")
    a = ap.parse_args()
    print("OK" if fingerprint(a.file) == a.expected else "TAMPERED")
