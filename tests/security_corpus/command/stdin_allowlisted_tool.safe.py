import subprocess

TOOLS = {"uptime": ["uptime"], "disk": ["df", "-h"], "who": ["who"]}

choice = input("tool> ").strip()
command = TOOLS.get(choice)
if command is None:
    print("unknown tool")
else:
    subprocess.run(command)
