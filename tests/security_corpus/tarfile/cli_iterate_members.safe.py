import argparse
import tarfile

p = argparse.ArgumentParser(description="Unpack only the docs folder of a release")
p.add_argument("release")
opts = p.parse_args()
with tarfile.open(opts.release) as rel:
    for member in rel:
        if member.name.startswith("docs/"):
            rel.extract(member, "out", filter="data")
