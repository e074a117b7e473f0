import hashlib


def session_fingerprint(session_id: str, user_agent: str) -> str:
    return hashlib.sha256((session_id + user_agent).encode()).hexdigest()
