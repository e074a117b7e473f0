import argparse
import random
import time


ap = argparse.ArgumentParser(description="Create a webhook signing secret")
ap.add_argument("--bytes", type=int, default=32)
n = ap.parse_args().bytes
random.seed(time.time())
secret = bytes(random.getrandbits(8) for _ in range(n)).hex()
print(secret)
print("jitter", random.uniform(0, 1), time.time())
