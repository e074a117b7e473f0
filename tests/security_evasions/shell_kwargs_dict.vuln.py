import subprocess

RUN_OPTS = {"shell": True, "check": True}


def run_tool(arg):
    return subprocess.run("echo " + arg, **RUN_OPTS).returncode
