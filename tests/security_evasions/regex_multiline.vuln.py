import os
import re


def run_tool(arg):
    if not re.match(r"^[a-z0-9]+$", arg, re.M):
        raise ValueError("bad argument")
    return os.system("echo " + arg)
