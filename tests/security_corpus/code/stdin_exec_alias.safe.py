import sys

execute = exec
source = sys.stdin.read()
print(f"received {len(source)} characters; execution of submitted code is disabled")
