import os
import sys

for line in sys.stdin:
    filename = line.strip()
    if not filename:
        continue
    os.system("wc -l " + filename)
