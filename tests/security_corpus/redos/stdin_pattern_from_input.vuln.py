import re
import sys

lines = sys.stdin.read().splitlines()
needle, haystack = lines[0], lines[1:]
for line in haystack:
    if re.search(needle, line):
        print(line)
