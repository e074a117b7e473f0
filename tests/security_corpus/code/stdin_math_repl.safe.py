import math
import operator

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}

while True:
    try:
        line = input(">>> ")
    except EOFError:
        break
    left, op, right = line.split()
    print(OPS[op](float(left), float(right)))
