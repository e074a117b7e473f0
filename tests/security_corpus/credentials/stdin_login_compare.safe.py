import getpass
import hmac
import os

EXPECTED = os.environ.get("KIOSK_PASSWORD", "")

attempt = getpass.getpass("Password: ")
if EXPECTED and hmac.compare_digest(attempt, EXPECTED):
    print("welcome")
else:
    print("denied")
