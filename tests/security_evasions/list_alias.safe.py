import os
import shlex


def run_tool(arg):
    parts = []
    cmd = parts
    cmd.append("echo")
    cmd.append(shlex.quote(arg))
    return os.system(" ".join(parts))
