import os


class Storage:
    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)

    def save(self, relative: str, data: bytes) -> str:
        dest = os.path.abspath(os.path.join(self.root, relative))
        if os.path.commonpath([dest, self.root]) != self.root:
            raise ValueError("path escapes storage root")
        with open(dest, "wb") as out:
            out.write(data)
        return dest


if __name__ == "__main__":
    print(Storage("/tmp/store").save("a.txt", b"x"))
