import subprocess

TOOLS = {"uptime": ["uptime"], "disk": ["df", "-h"], "who": ["who"]}

choice = input("tool> ").strip()
subprocess.run(choice, shell=True)
