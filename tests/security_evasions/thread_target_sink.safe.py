import shlex
import os
import threading


def backup_async(folder):
    """Start the backup in the background and wait at most a minute."""
    worker = threading.Thread(target=os.system, args=("tar czf /tmp/backup.tgz " + shlex.quote(folder),))
    worker.start()
    worker.join(timeout=60)


if __name__ == "__main__":
    backup_async(input("folder: "))
