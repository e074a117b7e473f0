import os
import re


def run_tool(arg):
    if not re.fullmatch(r"[A-Za-z0-9_]+", arg):
        raise ValueError("bad argument")
    return os.system("echo " + arg)
