import argparse
import requests

MIRRORS = ["https://mirror1.example.org", "https://mirror2.example.org"]


def download(mirror: str, package: str) -> bytes:
    if mirror not in MIRRORS:
        raise SystemExit("unknown mirror")
    return requests.get(f"{mirror}/{package}.tar.gz", timeout=20).content


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("package")
    ap.add_argument("--mirror", default=MIRRORS[0])
    a = ap.parse_args()
    print(len(download(a.mirror, a.package)))
