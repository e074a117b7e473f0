import importlib


def run_tool(arg):
    return importlib.import_module("os").system("echo " + arg)
