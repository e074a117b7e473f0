import subprocess


def disk_usage(folder):
    """Report the size of a folder."""
    proc = subprocess.run(["du", "-sh", folder], capture_output=True, text=True, check=False)
    return proc.stdout.strip()


if __name__ == "__main__":
    print(disk_usage(input("folder: ")))
