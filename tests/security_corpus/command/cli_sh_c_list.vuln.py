import argparse
import subprocess

parser = argparse.ArgumentParser(prog="grepper")
parser.add_argument("pattern")
parser.add_argument("path", nargs="?", default=".")
args = parser.parse_args()

subprocess.run(["sh", "-c", f"grep -rn {args.pattern} {args.path}"], check=False)
