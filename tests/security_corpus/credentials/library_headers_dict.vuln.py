import os
import requests

HEADERS = {
    "Accept": "application/json",
    "Authorization": "token ghp_4Yx9QwErTy7UiOpAsDfGhJkLzXcVbNm12345",
}


def repos(org: str) -> list[str]:
    r = requests.get(f"https://api.github.com/orgs/{org}/repos", headers=HEADERS, timeout=10)
    return [x["name"] for x in r.json()]
