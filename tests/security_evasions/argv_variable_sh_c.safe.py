import subprocess


def run_tool(arg):
    argv = ["echo", arg]
    return subprocess.run(argv, check=True).returncode
