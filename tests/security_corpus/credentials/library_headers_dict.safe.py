import os
import requests

HEADERS = {
    "Accept": "application/json",
    "Authorization": f"token {os.environ.get('GITHUB_TOKEN', '')}",
}


def repos(org: str) -> list[str]:
    r = requests.get(f"https://api.github.com/orgs/{org}/repos", headers=HEADERS, timeout=10)
    return [x["name"] for x in r.json()]
