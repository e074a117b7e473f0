import math
import operator

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}

while True:
    try:
        line = input(">>> ")
    except EOFError:
        break
    print(eval(line, {"math": math}))
