import logging
import os


def fail(message):
    logging.getLogger(__name__).warning("validation: %s", message)
    raise ValueError(message)


def run_tool(arg):
    if not arg.isalnum():
        fail("argument should be alphanumeric")
        return -1
    return os.system("echo " + arg)
