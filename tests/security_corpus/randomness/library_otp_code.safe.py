import secrets


def one_time_code() -> str:
    """Six-digit code sent by SMS to confirm a login."""
    return f"{secrets.randbelow(1_000_000):06d}"
