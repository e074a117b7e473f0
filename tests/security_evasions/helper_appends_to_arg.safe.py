import os
import shlex


def _add_arg(parts, item):
    parts.append(item)


def run_tool(arg):
    parts = ["echo"]
    _add_arg(parts, shlex.quote(arg))
    return os.system(" ".join(parts))
