import os
import shlex

RAW = [""]
CLEANED = [""]
STAGED = [""]
FINAL = [""]


def _clean():
    CLEANED[0] = RAW[0].strip()


def _stage():
    STAGED[0] = CLEANED[0]


def _finish():
    FINAL[0] = "echo " + shlex.quote(STAGED[0])


def run_tool(arg):
    RAW[0] = arg
    _clean()
    _stage()
    _finish()
    return os.system(FINAL[0])
