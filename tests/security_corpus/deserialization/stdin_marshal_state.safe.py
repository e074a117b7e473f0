import sys
import json

data = sys.stdin.buffer.read()
state = json.loads(data)
print(len(state))
