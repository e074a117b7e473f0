import os
import re


def run_tool(arg):
    if not re.match(r"^(?:[a-z]+|[0-9]+)$", arg):
        raise ValueError("bad argument")
    return os.system("echo " + arg)
