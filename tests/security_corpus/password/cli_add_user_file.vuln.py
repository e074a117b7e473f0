import argparse
import getpass
import json

ap = argparse.ArgumentParser()
ap.add_argument("user")
ap.add_argument("--db", default="users.json")
a = ap.parse_args()
secret = getpass.getpass()
try:
    users = json.load(open(a.db))
except FileNotFoundError:
    users = {}
users[a.user] = secret
json.dump(users, open(a.db, "w"))
