import os


def run_tool(arg):
    Settings = type("Settings", (), {"command": "echo " + arg})
    return os.system(Settings.command)
