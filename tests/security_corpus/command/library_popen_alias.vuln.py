import os

launch = os.popen


def disk_usage(path: str) -> str:
    with launch("du -sh " + path) as pipe:
        return pipe.read().strip()


if __name__ == "__main__":
    print(disk_usage("/tmp"))
