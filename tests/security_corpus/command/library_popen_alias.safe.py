import os
import shlex

launch = os.popen


def disk_usage(path: str) -> str:
    with launch("du -sh " + shlex.quote(path)) as pipe:
        return pipe.read().strip()


if __name__ == "__main__":
    print(disk_usage("/tmp"))
