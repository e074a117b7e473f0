import argparse
import os
import requests

API_KEY = os.getenv("PAYMENTS_API_KEY", "")


def refund(charge_id: str) -> dict:
    r = requests.post("https://api.payments.example/v1/refunds",
                      headers={"Authorization": f"Bearer {API_KEY}"}, data={"charge": charge_id}, timeout=10)
    return r.json()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("charge")
    print(refund(ap.parse_args().charge))
