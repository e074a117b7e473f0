import argparse
import tarfile

ap = argparse.ArgumentParser()
ap.add_argument("archive")
ap.add_argument("--to", default="restore")
ns = ap.parse_args()
with tarfile.open(ns.archive) as tar:
    tar.extractall(ns.to, filter="data")
