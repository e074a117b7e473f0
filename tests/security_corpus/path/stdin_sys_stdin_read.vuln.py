import sys
from pathlib import Path

ROOT = Path("reports").resolve()
for requested in sys.stdin.read().split():
    p = (ROOT / requested).resolve()
    print(p.read_text()[:100])
