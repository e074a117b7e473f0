import argparse
import re

ap = argparse.ArgumentParser()
ap.add_argument("regex")
ap.add_argument("logfile")
ns = ap.parse_args()
matcher = re.compile(re.escape(ns.regex))
with open(ns.logfile) as fh:
    for line in fh:
        if matcher.search(line):
            print(line, end="")
