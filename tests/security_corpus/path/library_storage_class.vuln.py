import os


class Storage:
    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)

    def save(self, relative: str, data: bytes) -> str:
        dest = os.path.abspath(os.path.join(self.root, relative))
        with open(dest, "wb") as out:
            out.write(data)
        return dest


if __name__ == "__main__":
    print(Storage("/tmp/store").save("a.txt", b"x"))
