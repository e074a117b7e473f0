import argparse
import os
import re

ap = argparse.ArgumentParser()
ap.add_argument("find")
ap.add_argument("replace")
ap.add_argument("names", nargs="+")
a = ap.parse_args()
for name in a.names:
    new = name.replace(a.find, a.replace)
    if new != name:
        os.rename(name, new)
