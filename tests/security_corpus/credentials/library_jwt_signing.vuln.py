import datetime
import os
import jwt

SIGNING_SECRET = "super-secret-signing-key-123"


def issue(user_id: int) -> str:
    exp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return jwt.encode({"sub": str(user_id), "exp": exp}, SIGNING_SECRET, algorithm="HS256")
