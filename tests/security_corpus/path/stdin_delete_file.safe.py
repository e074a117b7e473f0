import os

BASE = "/tmp/scratch"
name = input().strip()
target = os.path.join(BASE, name)
if os.path.dirname(os.path.realpath(target)) == os.path.realpath(BASE):
    os.remove(target)
else:
    print("refusing to delete outside", BASE)
