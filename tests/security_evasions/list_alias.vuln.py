import os


def run_tool(arg):
    parts = []
    cmd = parts
    cmd.append("echo")
    cmd.append(arg)
    return os.system(" ".join(parts))
