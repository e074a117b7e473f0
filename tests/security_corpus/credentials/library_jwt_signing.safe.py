import datetime
import os
import jwt

SIGNING_SECRET = os.environ["JWT_SIGNING_SECRET"]


def issue(user_id: int) -> str:
    exp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return jwt.encode({"sub": str(user_id), "exp": exp}, SIGNING_SECRET, algorithm="HS256")
