import os

BASE = "/tmp/scratch"
name = input().strip()
target = os.path.join(BASE, name)
os.remove(target)
