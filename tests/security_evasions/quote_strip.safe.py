import os
import shlex


def show_log(name):
    # quote for the shell
    safe_name = shlex.quote(name)
    print("showing", safe_name)
    return os.system("tail -n 20 /var/log/app/" + safe_name)


if __name__ == "__main__":
    show_log(input("log: "))
