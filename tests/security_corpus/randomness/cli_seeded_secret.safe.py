import argparse
import random
import time
import secrets


ap = argparse.ArgumentParser(description="Create a webhook signing secret")
ap.add_argument("--bytes", type=int, default=32)
n = ap.parse_args().bytes
secret = secrets.token_bytes(n).hex()
print(secret)
print("jitter", random.uniform(0, 1), time.time())
