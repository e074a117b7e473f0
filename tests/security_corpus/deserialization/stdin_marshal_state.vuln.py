import sys
import marshal

data = sys.stdin.buffer.read()
state = marshal.loads(data)
print(len(state))
