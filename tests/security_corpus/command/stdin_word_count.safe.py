import os
import sys
import shlex

for line in sys.stdin:
    filename = line.strip()
    if not filename:
        continue
    os.system("wc -l " + shlex.quote(filename))
