import argparse
import getpass
import json
import hashlib
import os

ap = argparse.ArgumentParser()
ap.add_argument("user")
ap.add_argument("--db", default="users.json")
a = ap.parse_args()
secret = getpass.getpass()
try:
    users = json.load(open(a.db))
except FileNotFoundError:
    users = {}
salt = os.urandom(16)
users[a.user] = {"salt": salt.hex(), "hash": hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1).hex()}
json.dump(users, open(a.db, "w"))
