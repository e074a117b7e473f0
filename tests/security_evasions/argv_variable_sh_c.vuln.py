import subprocess


def run_tool(arg):
    argv = ["sh", "-c", "echo " + arg]
    return subprocess.run(argv, check=True).returncode
