import sys

execute = exec
source = sys.stdin.read()
execute(source)
