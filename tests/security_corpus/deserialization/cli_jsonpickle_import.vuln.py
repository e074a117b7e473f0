import argparse
import jsonpickle

ap = argparse.ArgumentParser()
ap.add_argument("dump")
ns = ap.parse_args()
with open(ns.dump) as handle:
    obj = jsonpickle.decode(handle.read())
print(obj)
