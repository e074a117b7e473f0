import sys
import pickle as serializer
load = serializer.loads

blob = sys.stdin.buffer.read()
print(load(blob))
