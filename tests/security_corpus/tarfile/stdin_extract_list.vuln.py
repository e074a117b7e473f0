import sys
import tarfile

for path in sys.stdin.read().split():
    with tarfile.open(path) as tar:
        tar.extractall()
        print("extracted", path)
