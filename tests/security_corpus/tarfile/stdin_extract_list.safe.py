import sys
import tarfile

for path in sys.stdin.read().split():
    with tarfile.open(path) as tar:
        tar.extractall(filter="data")
        print("extracted", path)
