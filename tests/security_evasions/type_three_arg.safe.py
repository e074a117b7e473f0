import os
import shlex


def run_tool(arg):
    Settings = type("Settings", (), {"command": "echo " + shlex.quote(arg)})
    return os.system(Settings.command)
