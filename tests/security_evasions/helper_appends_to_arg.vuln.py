import os


def _add_arg(parts, item):
    parts.append(item)


def run_tool(arg):
    parts = ["echo"]
    _add_arg(parts, arg)
    return os.system(" ".join(parts))
