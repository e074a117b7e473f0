import subprocess


def disk_usage(folder):
    """Report the size of a folder by feeding a script to the shell."""
    script = "du -sh " + folder + "\n"
    proc = subprocess.run(["/bin/sh"], input=script, capture_output=True, text=True, check=False)
    return proc.stdout.strip()


if __name__ == "__main__":
    print(disk_usage(input("folder: ")))
