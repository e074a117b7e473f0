import argparse
import json

ap = argparse.ArgumentParser()
ap.add_argument("dump")
ns = ap.parse_args()
with open(ns.dump) as handle:
    obj = json.loads(handle.read())
print(obj)
