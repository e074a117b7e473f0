import os
import shlex


class Version:
    """A release tag; round() gives the tag without the patch level."""

    def __init__(self, tag):
        self.tag = tag

    def __round__(self, ndigits=None):
        return self.tag.rsplit(".", 1)[0]


def checkout_minor(tag):
    minor = round(Version(tag))
    return os.system("git checkout " + shlex.quote("release-" + minor))


if __name__ == "__main__":
    checkout_minor(input("tag: "))
