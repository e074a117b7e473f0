import argparse
import os

NOTES = os.path.expanduser("~/notes")


def read_note(title: str) -> str:
    base_title = os.path.basename(title)
    with open(f"{NOTES}/{base_title}.txt") as fh:
        return fh.read()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("title")
    print(read_note(p.parse_args().title))
