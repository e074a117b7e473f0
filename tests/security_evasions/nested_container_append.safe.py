import os
import shlex


def run_tool(arg):
    groups = {"cmd": ["echo"], "env": []}
    groups["cmd"].append(shlex.quote(arg))
    return os.system(" ".join(groups["cmd"]))
