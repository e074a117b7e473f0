import argparse
import json


def parse_value(raw: str):
    """Turn a command-line setting into a Python value."""
    return json.loads(raw)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("key")
    p.add_argument("value")
    a = p.parse_args()
    print({a.key: parse_value(a.value)})
