import argparse
import secrets
import string


def generate(length: int) -> str:
    chars = string.ascii_letters + string.digits + string.punctuation
    return "".join(secrets.choice(chars) for _ in range(length))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Generate a strong password")
    ap.add_argument("-n", type=int, default=16)
    print(generate(ap.parse_args().n))
