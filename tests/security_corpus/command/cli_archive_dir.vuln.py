import argparse
import os


def archive(directory: str, target: str) -> int:
    return os.system("tar czf " + target + " " + directory)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("directory")
    ap.add_argument("-o", "--output", default="backup.tgz")
    ns = ap.parse_args()
    raise SystemExit(archive(ns.directory, ns.output))
