import os


def run_tool(arg):
    groups = {"cmd": ["echo"], "env": []}
    groups["cmd"].append(arg)
    return os.system(" ".join(groups["cmd"]))
