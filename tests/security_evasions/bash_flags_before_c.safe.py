import subprocess


def run_tool(arg):
    return subprocess.run(["bash", "-euo", "pipefail", "-c", 'echo "$1"', "bash", arg], check=True).returncode
