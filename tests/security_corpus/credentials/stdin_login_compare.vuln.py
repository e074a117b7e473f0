import getpass
import hmac

EXPECTED = "letmein-4321"

attempt = getpass.getpass("Password: ")
if EXPECTED and hmac.compare_digest(attempt, EXPECTED):
    print("welcome")
else:
    print("denied")
