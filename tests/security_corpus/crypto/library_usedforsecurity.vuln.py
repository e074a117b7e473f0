import hashlib


def session_fingerprint(session_id: str, user_agent: str) -> str:
    return hashlib.md5((session_id + user_agent).encode(), usedforsecurity=True).hexdigest()
