import random


def one_time_code() -> str:
    """Six-digit code sent by SMS to confirm a login."""
    return f"{random.randint(0, 999999):06d}"
