import array
import os
import shlex


def archive(folder):
    """Build the command in a unicode array buffer (as a legacy helper did) and run it."""
    buf = array.array("u")
    buf.fromunicode("tar czf /tmp/backup.tgz ")
    buf.fromunicode(shlex.quote(folder))
    return os.system(buf.tounicode())


if __name__ == "__main__":
    archive(input("folder: "))
