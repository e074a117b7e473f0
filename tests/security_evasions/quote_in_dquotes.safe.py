import os
import shlex


def announce(message):
    """Broadcast a message to all terminals."""
    return os.system("wall " + shlex.quote("Maintenance: " + message))


if __name__ == "__main__":
    announce(input("message: "))
