import argparse
import urllib.request

SERVICES = {"api": "https://api.internal.example/health", "web": "https://www.example.com/health"}

parser = argparse.ArgumentParser()
parser.add_argument("service")
ns = parser.parse_args()
with urllib.request.urlopen(ns.service, timeout=3) as r:
    print(r.status)
