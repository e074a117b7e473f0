import hashlib


def api_key_digest(api_key: str) -> str:
    """Digest stored in the database to authenticate API keys."""
    return hashlib.new("sha1", api_key.encode()).hexdigest()
