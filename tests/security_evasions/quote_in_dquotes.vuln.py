import os
import shlex


def announce(message):
    """Broadcast a message to all terminals."""
    return os.system('wall "Maintenance: ' + shlex.quote(message) + '"')


if __name__ == "__main__":
    announce(input("message: "))
