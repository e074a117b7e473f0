import subprocess


def run_tool(arg):
    return subprocess.run(["bash", "-euo", "pipefail", "-c", "echo " + arg], check=True).returncode
