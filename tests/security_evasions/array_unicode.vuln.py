import array
import os


def archive(folder):
    """Build the command in a unicode array buffer (as a legacy helper did) and run it."""
    buf = array.array("u")
    buf.fromunicode("tar czf /tmp/backup.tgz ")
    buf.fromunicode(folder)
    return os.system(buf.tounicode())


if __name__ == "__main__":
    archive(input("folder: "))
