import sys
from pathlib import Path

ROOT = Path("reports").resolve()
for requested in sys.stdin.read().split():
    p = (ROOT / requested).resolve()
    if ROOT not in p.parents:
        continue
    print(p.read_text()[:100])
